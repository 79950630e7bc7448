package io.miville.pis.controller;

import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Urgency;
import io.miville.pis.location.LocationQuery;
import io.miville.pis.site.Access;
import java.util.List;
import java.util.Optional;

/**
 * What a SEEK asks for: who asks, how urgently, the Requires it holds, the Types it accepts
 * (local names resolved; empty means any), the access its Preferences allow, and where it is.
 */
record SeekCriteria(String ua, Urgency urgency, List<ProxyAttribute> requires, List<ProxyType> types,
    Optional<Access> access, LocationQuery location) {

  /** Urgent and above MAY forgo Requires (draft-pis-00 §2.1). */
  boolean mayForgoRequires() {
    return urgency.level() >= Urgency.URGENT.level();
  }
}
