package io.miville.bench.uas;

import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A small dialog-stateful UAS on the JAIN-SIP reference implementation: the yardstick that
 * {@code scripts/bench-sipp.sh} drives with SIPp next to {@code miville serve} (docs/benchmarks.md §2).
 *
 * <p>It uses JAIN-SIP the way an application should: a {@link SipProvider} over UDP, a server
 * transaction for every request but ACK (RFC 3261 §17.2), and automatic dialog support, so the
 * stack keeps the dialog, retransmits the 2xx until its ACK (§13.3.1.4) and matches the BYE to it
 * (§15.1.2). It answers INVITE 200 at once (with a To tag, §8.2.6.2, and a Contact, §12.1.1; no
 * SDP body), BYE 200, CANCEL 200 (§9.2; the INVITE is already answered), OPTIONS 200 (§11.2) and
 * anything else 405 with Allow (§8.2.1).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.miville.bench.uas.JainSipUas --port 5070 [--host 127.0.0.1]
 *     [--threads N] [--reentrant true|false]
 * </pre>
 *
 * <p>{@code --threads} is the stack's {@code THREAD_POOL_SIZE} (threads that parse and process
 * datagrams; without it the RI starts a thread per datagram); {@code --reentrant} lets those threads
 * call the listener at once ({@code REENTRANT_LISTENER}, safe here: the listener keeps no state
 * but counters). It prints {@code listening on udp HOST:PORT} once ready, runs until SIGTERM or
 * SIGINT, then prints its counters.
 */
public final class JainSipUas implements SipListener {
  private static final String ALLOWED = "INVITE, ACK, BYE, CANCEL, OPTIONS";

  private final SipProvider provider;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final ContactHeader contact;
  private final AllowHeader allow;
  private final String tagPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private final AtomicLong tagCounter = new AtomicLong();
  private final Counters counters = new Counters();

  private JainSipUas(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
      String host, int port) throws Exception {
    this.provider = provider;
    this.messages = messages;
    this.headers = headers;
    SipURI contactUri = addresses.createSipURI(null, host);
    contactUri.setPort(port);
    this.contact = headers.createContactHeader(addresses.createAddress(contactUri));
    this.allow = headers.createAllowHeader(ALLOWED);
  }

  /** Command-line entry point; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    // JAIN-SIP logs through log4j 1.2 (reload4j here): keep it silent unless asked
    if (System.getProperty("log4j.configuration") == null) {
      org.apache.log4j.BasicConfigurator.configure(new org.apache.log4j.varia.NullAppender());
      org.apache.log4j.Logger.getRootLogger().setLevel(org.apache.log4j.Level.OFF);
    }
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    SipStack stack = factory.createSipStack(stackProperties(options));
    ListeningPoint point = stack.createListeningPoint(options.host, options.port, ListeningPoint.UDP);
    SipProvider provider = stack.createSipProvider(point);
    JainSipUas uas = new JainSipUas(provider, factory.createMessageFactory(), factory.createHeaderFactory(),
        factory.createAddressFactory(), options.host, point.getPort());
    provider.addSipListener(uas);

    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch reported = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      try {
        reported.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "jain-sip-uas-shutdown"));
    System.out.println("listening on udp " + options.host + ":" + point.getPort() + " (JAIN-SIP RI, "
        + (options.threads > 0 ? options.threads + " threads" : "a thread per datagram")
        + (options.reentrant ? ", reentrant listener" : "") + ")");
    System.out.flush();
    stopped.await();
    System.out.println(uas.counters.describe());
    System.out.flush();
    stack.stop();
    reported.countDown();
  }

  static Properties stackProperties(Options options) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "jain-sip-uas");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.LOG_STACK_TRACE_ON_MESSAGE_SEND", "false");
    // the same socket receive buffer as Miville's UDP transport (2 MiB)
    p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "2097152");
    p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "2097152");
    if (options.threads > 0) {
      p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(options.threads));
    }
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", Boolean.toString(options.reentrant));
    // no limit of the stack's own beyond its defaults: SIPp finds where it breaks
    return p;
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      // the ACK for our 2xx: the dialog (automatic support) has already stopped retransmitting
      counters.acks.increment();
      return;
    }
    try {
      ServerTransaction transaction = event.getServerTransaction();
      if (transaction == null) {
        try {
          transaction = provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException retransmission) {
          // the stack answers retransmissions from the transaction it already has
          counters.retransmissions.increment();
          return;
        }
      }
      switch (method) {
        case Request.INVITE -> {
          counters.invites.increment();
          Response ok = messages.createResponse(Response.OK, request);
          ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(newTag());
          ok.addHeader((ContactHeader) contact.clone());
          transaction.sendResponse(ok);
        }
        case Request.BYE -> {
          counters.byes.increment();
          transaction.sendResponse(messages.createResponse(Response.OK, request));
        }
        case Request.CANCEL -> {
          counters.cancels.increment();
          transaction.sendResponse(messages.createResponse(Response.OK, request));
        }
        case Request.OPTIONS -> {
          counters.options.increment();
          Response ok = messages.createResponse(Response.OK, request);
          ok.addHeader((AllowHeader) allow.clone());
          transaction.sendResponse(ok);
        }
        default -> {
          counters.others.increment();
          Response notAllowed = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
          notAllowed.addHeader((AllowHeader) allow.clone());
          transaction.sendResponse(notAllowed);
        }
      }
    } catch (Exception e) {
      // a request we could not answer: count it (SIPp reports the failed call)
      counters.errors.increment();
      if (counters.errors.sum() <= 10) {
        System.err.println("jain-sip-uas: " + method + ": " + e);
      }
    }
  }

  private String newTag() {
    return tagPrefix + Long.toHexString(tagCounter.incrementAndGet());
  }

  @Override
  public void processResponse(ResponseEvent event) {
    // a UAS sends no requests of its own: nothing to do
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    counters.timeouts.increment();
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    counters.ioErrors.increment();
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    // transactions end by their timers; nothing to release here
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    counters.dialogsTerminated.increment();
  }

  /** What the UAS saw, printed on exit. */
  private static final class Counters {
    final LongAdder invites = new LongAdder();
    final LongAdder acks = new LongAdder();
    final LongAdder byes = new LongAdder();
    final LongAdder cancels = new LongAdder();
    final LongAdder options = new LongAdder();
    final LongAdder others = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder dialogsTerminated = new LongAdder();

    String describe() {
      return String.format(Locale.ROOT,
          "calls: %d INVITE, %d ACK, %d BYE, %d CANCEL; %d OPTIONS, %d other; %d dialogs terminated;"
              + " %d retransmissions seen by the listener, %d timeouts, %d I/O errors, %d errors",
          invites.sum(), acks.sum(), byes.sum(), cancels.sum(), options.sum(), others.sum(), dialogsTerminated.sum(),
          retransmissions.sum(), timeouts.sum(), ioErrors.sum(), errors.sum());
    }
  }

  /** The command line. */
  record Options(String host, int port, int threads, boolean reentrant) {
    static Options parse(String[] args) {
      String host = "127.0.0.1";
      int port = -1;
      int threads = 1;
      boolean reentrant = true;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("-h") || name.equals("--help")) {
          usage(0);
        }
        if (i + 1 >= args.length) {
          usage(2);
        }
        String value = args[++i];
        switch (name) {
          case "--host" -> host = value;
          case "--port" -> port = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--reentrant" -> reentrant = Boolean.parseBoolean(value);
          default -> usage(2);
        }
      }
      if (port < 0 || port > 65535) {
        usage(2);
      }
      return new Options(host, port, threads, reentrant);
    }

    private static void usage(int status) {
      System.err.println("usage: JainSipUas --port PORT [--host 127.0.0.1] [--threads N (default 1; 0: a thread per"
          + " datagram)] [--reentrant true|false (default true)]");
      System.exit(status);
    }
  }
}
