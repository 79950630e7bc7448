package io.miville.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code miville contacts [list|add|remove|keep]}: the running agent's address book, through
 * its control API ({@code /contacts}). Without a subcommand it lists.
 */
@Command(
    name = "contacts",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "List or change the contacts of a running agent.",
      "",
      "Without a subcommand, lists them. Contacts the agent added for unknown callers are shown"
          + " as 'NAME (auto)' until kept."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the agent refused (unknown contact, bad address...)", "2:usage error, or no agent reachable"})
final class ContactsCommand extends ControlVerb {

  ContactsCommand(StandardStreams io) {
    super(io);
  }

  /** The command with its subcommands, for {@code Main}. */
  static CommandLine commandLine(StandardStreams io) {
    return new CommandLine(new ContactsCommand(io))
        .addSubcommand(new ListContacts(io))
        .addSubcommand(new AddContact(io))
        .addSubcommand(new RemoveContact(io))
        .addSubcommand(new KeepContact(io));
  }

  @Override
  int run(ControlClient agent) {
    return list(agent, io);
  }

  static int list(ControlClient agent, StandardStreams io) {
    JsonNode contacts = agent.get("/contacts").json().path("contacts");
    if (contacts.isEmpty()) {
      io.out().println("no contacts");
      return ExitCode.OK;
    }
    Text.Table table = new Text.Table("NAME", "ADDRESS", "AUTO-ANSWER", "PROFILE");
    for (JsonNode c : contacts) {
      String name = c.path("name").asText() + (c.path("auto").asBoolean() ? " (auto)" : "");
      table.row(name, c.path("address").asText(), c.path("autoAnswer").asBoolean() ? "yes" : "no",
          c.path("defaultProfile").asText("-"));
    }
    io.out().print(table);
    return ExitCode.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "List the contacts: name, address, auto-answer, default profile.")
  static final class ListContacts extends ControlVerb {
    ListContacts(StandardStreams io) {
      super(io);
    }

    @Override
    int run(ControlClient agent) {
      return list(agent, io);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Add a contact, or replace the one of that name.")
  static final class AddContact extends ControlVerb {
    @Parameters(index = "0", paramLabel = "NAME", description = "How the agent names the contact.")
    String name;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "Its SIP address, e.g. sip:bob@10.0.0.2 or bob@10.0.0.2.")
    String address;

    @Option(names = "--auto-answer", description = "Answer calls from this contact without asking.")
    boolean autoAnswer;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "The profile to offer when calling it.")
    String profile;

    AddContact(StandardStreams io) {
      super(io);
    }

    @Override
    int run(ControlClient agent) {
      ObjectNode body = ControlClient.JSON.createObjectNode().put("address", address).put("autoAnswer", autoAnswer);
      if (profile != null) {
        body.put("defaultProfile", profile);
      }
      JsonNode c = agent.put("/contacts/" + ControlClient.segment(name), body).json();
      io.out().println(Text.printable("saved " + c.path("name").asText() + ": " + c.path("address").asText()
          + (c.path("autoAnswer").asBoolean() ? ", answered automatically" : "")
          + (c.has("defaultProfile") ? ", profile " + c.path("defaultProfile").asText() : "")));
      return ExitCode.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Remove a contact.")
  static final class RemoveContact extends ControlVerb {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    RemoveContact(StandardStreams io) {
      super(io);
    }

    @Override
    int run(ControlClient agent) {
      agent.delete("/contacts/" + ControlClient.segment(name));
      io.out().println(Text.printable("removed " + name));
      return ExitCode.OK;
    }
  }

  @Command(name = "keep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Keep a contact the agent added for an unknown caller, NAME (auto).")
  static final class KeepContact extends ControlVerb {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    KeepContact(StandardStreams io) {
      super(io);
    }

    @Override
    int run(ControlClient agent) {
      agent.post("/contacts/" + ControlClient.segment(name) + "/keep", ControlClient.JSON.createObjectNode());
      io.out().println(Text.printable("kept " + name));
      return ExitCode.OK;
    }
  }
}
