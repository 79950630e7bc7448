package io.miville.agent;

import io.miville.codec.SipParseException;
import io.miville.codec.uri.Uri;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the address book: a name, a SIP address, whether calls from it are answered
 * automatically, the profile offered to it by default, and whether it was added automatically
 * for an unknown caller (shown as {@code NAME (auto)} until the user keeps it).
 *
 * @param name unique within the book, shown to the user
 * @param address the contact's SIP URI
 * @param autoAnswer answer calls from this contact without asking
 * @param defaultProfile profile to offer when calling this contact, empty for the agent's default
 * @param auto true for a contact the agent added for an unknown caller
 */
public record Contact(String name, Uri address, boolean autoAnswer, Optional<String> defaultProfile, boolean auto) {
  public Contact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(defaultProfile, "defaultProfile");
    if (name.isBlank() || name.length() > 200 || name.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException("a contact name must be 1 to 200 printable characters");
    }
  }

  /** A contact the user added. */
  public static Contact of(String name, String address) {
    return new Contact(name, parseAddress(address), false, Optional.empty(), false);
  }

  public Contact withAutoAnswer(boolean on) {
    return new Contact(name, address, on, defaultProfile, auto);
  }

  public Contact withDefaultProfile(String profile) {
    return new Contact(name, address, autoAnswer, Optional.of(profile), auto);
  }

  /** The contact kept by the user: no longer marked (auto). */
  public Contact kept() {
    return new Contact(name, address, autoAnswer, defaultProfile, false);
  }

  /** The name as shown: {@code bob} or {@code bob (auto)}. */
  public String displayName() {
    return auto ? name + " (auto)" : name;
  }

  static Uri parseAddress(String text) {
    try {
      return Uri.parse(text.contains(":") ? text : "sip:" + text);
    } catch (SipParseException e) {
      throw new IllegalArgumentException("not a SIP address: " + e.reason());
    }
  }
}
