package io.miville.cli;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipVersion;
import io.miville.codec.SipWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code miville check FILE...}: parses each file as one SIP/2.0 or PIS/1.0 message with
 * datagram framing (RFC 3261 §18.3: the body is Content-Length bytes, or the rest of the
 * file without one) and prints one verdict line per file.
 *
 * <p>A file is read only up to the codec's {@code maxMessageBytes} (plus one byte to notice
 * that it is longer), so a huge file or an endless stdin is refused with 413 in bounded memory.
 * Verdicts never echo the input: an invalid message is described by the codec's status and
 * fixed reason phrase.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check that files hold valid SIP/2.0 or PIS/1.0 messages.",
      "",
      "Each FILE is parsed as one message, framed as a UDP datagram, and gets one line on"
          + " stdout: 'FILE: OK METHOD|CODE VERSION' or 'FILE: INVALID STATUS REASON'."
          + " A file that cannot be read gets 'FILE: ERROR WHY' on stderr."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every message is valid",
      "1:at least one message is invalid",
      "2:usage error, or a file could not be read"
    })
final class CheckCommand implements Callable<Integer> {
  private final StandardStreams io;

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check; '-' reads standard input.")
  private List<String> files;

  @Option(names = "--print", description = "After a valid message's line, write the message back in canonical form.")
  private boolean print;

  @Option(names = "--short", description = "With --print, write PIS/1.0 messages in the short form of draft-pis-00.")
  private boolean shortForm;

  @Option(names = "--strict", description = "Accept only CRLF line ends and the standard PIS form (no leniencies).")
  private boolean strict;

  CheckCommand(StandardStreams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (shortForm && !print) {
      throw new ParameterException(spec.commandLine(), "--short needs --print");
    }
    if (files.stream().filter("-"::equals).count() > 1) {
      throw new ParameterException(spec.commandLine(), "standard input ('-') can be read only once");
    }
    SipParser parser = SipParser.create(strict ? CodecConfig.STRICT : CodecConfig.DEFAULT);
    int exit = ExitCode.OK;
    for (String file : files) {
      exit = Math.max(exit, check(file, parser));
    }
    return exit;
  }

  /** Checks one file, prints its verdict and returns its exit code. */
  private int check(String file, SipParser parser) {
    String shown = printable(file);
    PrintStream out = io.out();
    Input input = read(file, parser.config().maxMessageBytes());
    switch (input) {
      case Input.Unreadable u -> {
        out.flush(); // keep stdout and stderr lines in file order on a shared terminal
        io.err().println(shown + ": ERROR " + u.why());
        return ExitCode.USAGE;
      }
      case Input.TooLarge t -> {
        out.println(shown + ": INVALID 413 message too large");
        return ExitCode.FAILURE;
      }
      case Input.Bytes b -> {
        SipMessage message;
        try {
          message = parser.parse(b.data());
        } catch (SipParseException e) {
          out.println(shown + ": INVALID " + e.status() + " " + e.reason());
          return ExitCode.FAILURE;
        }
        out.println(shown + ": OK " + kind(message) + " " + message.version().text());
        if (print) {
          printMessage(message);
        }
        return ExitCode.OK;
      }
    }
  }

  private void printMessage(SipMessage message) {
    boolean shortPis = shortForm && message.version() == SipVersion.PIS_1_0;
    byte[] bytes = SipWriter.encode(message, shortPis ? SipWriter.Form.SHORT : SipWriter.Form.STANDARD, true);
    io.out().write(bytes, 0, bytes.length);
    // a body without a final newline would run into the next file's line; the extra byte lies
    // past Content-Length, so the printed message still parses to the same one
    if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
      io.out().println();
    }
  }

  /** The method of a request, the status code of a response. */
  private static String kind(SipMessage message) {
    return switch (message) {
      case SipRequest r -> r.method().name();
      case SipResponse s -> Integer.toString(s.status());
    };
  }

  /** What reading a file gave. */
  private sealed interface Input {
    record Bytes(byte[] data) implements Input {}

    record TooLarge() implements Input {}

    record Unreadable(String why) implements Input {}
  }

  private Input read(String file, int cap) {
    if (file.equals("-")) {
      return readCapped(io.in(), cap);
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      return new Input.Unreadable("invalid path");
    }
    if (Files.isDirectory(path)) {
      return new Input.Unreadable("is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return readCapped(in, cap);
    } catch (NoSuchFileException e) {
      return new Input.Unreadable("no such file");
    } catch (AccessDeniedException e) {
      return new Input.Unreadable("permission denied");
    } catch (IOException e) {
      return new Input.Unreadable(why(e));
    }
  }

  /** At most {@code cap} bytes; one more byte means the input is too large and stops the read. */
  private static Input readCapped(InputStream in, int cap) {
    try {
      byte[] data = in.readNBytes(cap + 1);
      return data.length > cap ? new Input.TooLarge() : new Input.Bytes(data);
    } catch (IOException e) {
      return new Input.Unreadable(why(e));
    }
  }

  private static String why(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : printable(message);
  }

  /** The text with control characters shown as '?', so a file name cannot drive the terminal. */
  private static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }
}
