package io.miville.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.uri.Uri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressBookTest {
  @TempDir Path dir;

  @Test
  void contactsSurviveAReopen() {
    Path file = dir.resolve("alice/contacts.json");
    AddressBook book = AddressBook.open(file);
    book.put(Contact.of("bob", "sip:bob@127.0.0.1:5071").withAutoAnswer(true).withDefaultProfile("hifi"));
    book.put(Contact.of("carol", "carol@example.com"));
    AddressBook again = AddressBook.open(file);
    assertThat(again.all()).extracting(Contact::name).containsExactly("bob", "carol");
    Contact bob = again.find("bob").orElseThrow();
    assertThat(bob.autoAnswer()).isTrue();
    assertThat(bob.defaultProfile()).hasValue("hifi");
    assertThat(again.find("carol").orElseThrow().address().toString()).isEqualTo("sip:carol@example.com");
  }

  @Test
  void savesAtomicallyLeavingNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("contacts.json");
    AddressBook book = AddressBook.open(file);
    for (int i = 0; i < 20; i++) {
      book.put(Contact.of("c" + i, "sip:c" + i + "@example.com"));
    }
    book.remove("c3");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(AddressBook.open(file).all()).hasSize(19);
  }

  @Test
  void anUnknownCallerBecomesAnAutoContactTheUserMayKeep() {
    AddressBook book = AddressBook.open(dir.resolve("contacts.json"));
    book.put(Contact.of("bob", "sip:bob@127.0.0.1"));
    Contact known = book.contactForCaller(Uri.parse("sip:bob@127.0.0.1:5071"), Optional.empty());
    assertThat(known.name()).isEqualTo("bob");
    assertThat(known.auto()).isFalse();

    Contact stranger = book.contactForCaller(Uri.parse("sip:eve@10.9.8.7:5060"), Optional.of("Eve"));
    assertThat(stranger.auto()).isTrue();
    assertThat(stranger.displayName()).isEqualTo("Eve (auto)");
    Contact secondEve = book.contactForCaller(Uri.parse("sip:eve2@10.9.8.7"), Optional.of("Eve"));
    assertThat(secondEve.name()).isEqualTo("Eve 2");
    assertThat(book.contactForCaller(Uri.parse("sip:eve@10.9.8.7:5060"), Optional.empty())).isEqualTo(stranger);

    assertThat(book.keep("Eve")).hasValueSatisfying(c -> assertThat(c.auto()).isFalse());
    assertThat(AddressBook.open(book.file()).find("Eve").orElseThrow().auto()).isFalse();
  }

  @Test
  void refusesBadEntriesAndBadFiles() throws Exception {
    assertThatThrownBy(() -> Contact.of("", "sip:a@b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Contact.of("x", "sip:a b")).isInstanceOf(IllegalArgumentException.class);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"contacts\": 3}");
    assertThatThrownBy(() -> AddressBook.open(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void xdgFolderIsUsedUnlessRelative() {
    Path home = Path.of("/home/u");
    assertThat(AgentPaths.configDir("alice", Map.of("XDG_CONFIG_HOME", "/cfg"), home))
        .isEqualTo(Path.of("/cfg/miville/alice"));
    assertThat(AgentPaths.configDir("alice", Map.of("XDG_CONFIG_HOME", "rel"), home))
        .isEqualTo(Path.of("/home/u/.config/miville/alice"));
    assertThat(AgentPaths.configDir("alice", Map.of(), home)).isEqualTo(Path.of("/home/u/.config/miville/alice"));
  }
}
