package io.miville.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's contacts, kept in {@code contacts.json} in the agent's folder (see
 * {@link AgentPaths}) and saved atomically after every change. A caller that is not in the book
 * is added as an {@code (auto)} contact, which the user may {@link #keep} or remove.
 *
 * <p>Thread-safe: every method is synchronized; changes are rare and small.
 */
public final class AddressBook {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final List<Contact> contacts = new ArrayList<>();

  private AddressBook(Path file) {
    this.file = file;
  }

  /**
   * Opens the book stored in {@code file}, empty if the file does not exist yet.
   *
   * @throws IllegalArgumentException if the file exists but is not a valid address book
   */
  public static AddressBook open(Path file) {
    AddressBook book = new AddressBook(file);
    if (Files.exists(file)) {
      book.load();
    }
    return book;
  }

  public Path file() {
    return file;
  }

  public synchronized List<Contact> all() {
    return List.copyOf(contacts);
  }

  public synchronized Optional<Contact> find(String name) {
    return contacts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The contact whose address names the same user and host (and port, if the contact has one). */
  public synchronized Optional<Contact> findByAddress(Uri caller) {
    return contacts.stream().filter(c -> sameParty(c.address(), caller)).findFirst();
  }

  /** Adds a contact, or replaces the one of the same name; saves. */
  public synchronized Contact put(Contact contact) {
    int i = indexOf(contact.name());
    if (i >= 0) {
      contacts.set(i, contact);
    } else {
      contacts.add(contact);
    }
    save();
    return contact;
  }

  /** Removes a contact; saves. Returns false if there was none of that name. */
  public synchronized boolean remove(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return false;
    }
    contacts.remove(i);
    save();
    return true;
  }

  /**
   * The contact for {@code caller}: the one in the book, or a new {@code (auto)} contact named
   * after the caller's display name or user@host (made unique), saved.
   */
  public synchronized Contact contactForCaller(Uri caller, Optional<String> displayName) {
    Optional<Contact> known = findByAddress(caller);
    if (known.isPresent()) {
      return known.get();
    }
    String base = displayName.filter(n -> !n.isBlank()).orElseGet(() -> shortName(caller));
    String name = base;
    for (int n = 2; indexOf(name) >= 0; n++) {
      name = base + " " + n;
    }
    return put(new Contact(name, caller, false, Optional.empty(), true));
  }

  /** Keeps an {@code (auto)} contact: it becomes an ordinary one. */
  public synchronized Optional<Contact> keep(String name) {
    return find(name).map(c -> put(c.kept()));
  }

  private int indexOf(String name) {
    for (int i = 0; i < contacts.size(); i++) {
      if (contacts.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String shortName(Uri uri) {
    if (uri instanceof SipUri s) {
      return s.user().map(u -> u + "@" + s.host()).orElse(s.host());
    }
    return uri.toString();
  }

  static boolean sameParty(Uri a, Uri b) {
    if (a instanceof SipUri x && b instanceof SipUri y) {
      return x.user().equals(y.user()) && x.host().equalsIgnoreCase(y.host())
          && (x.port().isEmpty() || y.port().isEmpty() || x.port().equals(y.port()));
    }
    return a.toString().equals(b.toString());
  }

  private void load() {
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      JsonNode list = root.path("contacts");
      if (!list.isArray()) {
        throw new IllegalArgumentException(file + ": expected {\"contacts\": [...]}");
      }
      for (JsonNode n : list) {
        String name = n.path("name").asText("");
        String address = n.path("address").asText("");
        String profile = n.path("defaultProfile").asText("");
        contacts.add(new Contact(name, Contact.parseAddress(address), n.path("autoAnswer").asBoolean(false),
            profile.isEmpty() ? Optional.empty() : Optional.of(profile), n.path("auto").asBoolean(false)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a valid address book: " + e.getMessage(), e);
    }
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("contacts");
    for (Contact c : contacts) {
      ObjectNode n = list.addObject();
      n.put("name", c.name());
      n.put("address", c.address().toString());
      n.put("autoAnswer", c.autoAnswer());
      c.defaultProfile().ifPresent(p -> n.put("defaultProfile", p));
      n.put("auto", c.auto());
    }
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
