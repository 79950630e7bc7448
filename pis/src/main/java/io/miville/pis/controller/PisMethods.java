package io.miville.pis.controller;

import io.miville.codec.SipMethod;
import java.util.List;

/**
 * The methods draft-pis-00 names in prose beyond its six (§2.1 "the Stand or Hover method ... or
 * simply risk invoking Sit", §4 "the Look-at-the-wall method", §2.5 "the Dig and Requires: Spade
 * methods"), registered with {@link SipMethod#register} so that they parse to shared instances,
 * and the full list a PIS server allows.
 */
public final class PisMethods {
  private PisMethods() {}

  /** §2.1: the user agent stands (seat up, please). */
  public static final SipMethod STAND = SipMethod.register("STAND", "draft-pis-00 §2.1");
  /** §2.1: the user agent hovers. */
  public static final SipMethod HOVER = SipMethod.register("HOVER", "draft-pis-00 §2.1");
  /** §2.1: the user agent sits, with a Warning if the proxy is unshielded. */
  public static final SipMethod SIT = SipMethod.register("SIT", "draft-pis-00 §2.1");
  /** §4: good etiquette at a Line-urinal, Pizwah or Urinal. */
  public static final SipMethod LOOK_AT_THE_WALL = SipMethod.register("LOOK-AT-THE-WALL", "draft-pis-00 §4");
  /** §2.5: makes a User-Instantiated-Proxy where the user agent stands; needs {@code Requires: Spade}. */
  public static final SipMethod DIG = SipMethod.register("DIG", "draft-pis-00 §2.5");

  /** The option tag that stands for LOOK-AT-THE-WALL in Supported or Require. */
  public static final String LOOK_AT_THE_WALL_TAG = "look-at-the-wall";

  /** Every method a PIS server answers, for Allow (RFC 3261 §20.5). */
  public static List<SipMethod> all() {
    return List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE, SipMethod.CANCEL, SipMethod.OPTIONS,
        SipMethod.SUBSCRIBE, SipMethod.PUBLISH, SipMethod.SEEK, SipMethod.AIM, SipMethod.FLUSH, SipMethod.WASH,
        SipMethod.FRESHEN, SipMethod.COMET, SipMethod.VOMET, STAND, HOVER, SIT, LOOK_AT_THE_WALL, DIG);
  }
}
