package io.miville.codec;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reason phrases for status codes: the IANA SIP response-code registry (RFC 3261 §21 and its
 * extensions) and the codes of draft-pis-00, whose phrase depends on the method answered
 * ({@code 300} is "No suitable proxy available" to SEEK, "Lift seat please" to AIM and
 * "Partial Flush" to FLUSH). Status codes are an open set: any code from 100 to 699 is valid,
 * and an unknown one is understood as the x00 code of its class (RFC 3261 §21).
 */
public final class StatusCodes {
  private StatusCodes() {}

  private static final Map<Integer, String> SIP = new HashMap<>();
  private static final Map<String, SortedMap<Integer, List<String>>> PIS_BY_METHOD = new HashMap<>();
  private static final Map<Integer, String> PIS_ANY_METHOD = new HashMap<>();

  /** WASH's 400, 500 or 600 when there is no water (draft-pis-00 §2.4); the default phrase. */
  public static final String WASH_NO_WATER = "No-Water";
  /** WASH's 400, 500 or 600 when the sink is dirty (draft-pis-00 §2.4). */
  public static final String WASH_SINK_NOT_CLEAN = "Sink-not-clean, handle-dirty";

  static {
    sip(100, "Trying");
    sip(180, "Ringing");
    sip(181, "Call Is Being Forwarded");
    sip(182, "Queued");
    sip(183, "Session Progress");
    sip(199, "Early Dialog Terminated");
    sip(200, "OK");
    sip(202, "Accepted");
    sip(204, "No Notification");
    sip(300, "Multiple Choices");
    sip(301, "Moved Permanently");
    sip(302, "Moved Temporarily");
    sip(305, "Use Proxy");
    sip(380, "Alternative Service");
    sip(400, "Bad Request");
    sip(401, "Unauthorized");
    sip(402, "Payment Required");
    sip(403, "Forbidden");
    sip(404, "Not Found");
    sip(405, "Method Not Allowed");
    sip(406, "Not Acceptable");
    sip(407, "Proxy Authentication Required");
    sip(408, "Request Timeout");
    sip(410, "Gone");
    sip(412, "Conditional Request Failed");
    sip(413, "Request Entity Too Large");
    sip(414, "Request-URI Too Long");
    sip(415, "Unsupported Media Type");
    sip(416, "Unsupported URI Scheme");
    sip(417, "Unknown Resource-Priority");
    sip(420, "Bad Extension");
    sip(421, "Extension Required");
    sip(422, "Session Interval Too Small");
    sip(423, "Interval Too Brief");
    sip(424, "Bad Location Information");
    sip(425, "Bad Alert Message");
    sip(428, "Use Identity Header");
    sip(429, "Provide Referrer Identity");
    sip(430, "Flow Failed");
    sip(433, "Anonymity Disallowed");
    sip(436, "Bad Identity Info");
    sip(437, "Unsupported Credential");
    sip(438, "Invalid Identity Header");
    sip(439, "First Hop Lacks Outbound Support");
    sip(440, "Max-Breadth Exceeded");
    sip(469, "Bad Info Package");
    sip(470, "Consent Needed");
    sip(480, "Temporarily Unavailable");
    sip(481, "Call/Transaction Does Not Exist");
    sip(482, "Loop Detected");
    sip(483, "Too Many Hops");
    sip(484, "Address Incomplete");
    sip(485, "Ambiguous");
    sip(486, "Busy Here");
    sip(487, "Request Terminated");
    sip(488, "Not Acceptable Here");
    sip(489, "Bad Event");
    sip(491, "Request Pending");
    sip(493, "Undecipherable");
    sip(494, "Security Agreement Required");
    sip(500, "Server Internal Error");
    sip(501, "Not Implemented");
    sip(502, "Bad Gateway");
    sip(503, "Service Unavailable");
    sip(504, "Server Time-out");
    sip(505, "Version Not Supported");
    sip(513, "Message Too Large");
    sip(555, "Push Notification Service Not Supported");
    sip(580, "Precondition Failure");
    sip(600, "Busy Everywhere");
    sip(603, "Decline");
    sip(604, "Does Not Exist Anywhere");
    sip(606, "Not Acceptable");
    sip(607, "Unwanted");
    sip(608, "Rejected");

    // draft-pis-00 §2.1 SEEK
    pis(SipMethod.SEEK, 110, "Queued");
    pis(SipMethod.SEEK, 200, "Proxy Available");
    pis(SipMethod.SEEK, 300, "No suitable proxy available");
    pis(SipMethod.SEEK, 301, "Closed for cleaning");
    // §2.2 AIM
    pis(SipMethod.AIM, 165, "Flow pending");
    pis(SipMethod.AIM, 180, "Flowing");
    pis(SipMethod.AIM, 183, "Flow progress");
    pis(SipMethod.AIM, 200, "ON TARGET");
    pis(SipMethod.AIM, 201, "Some packets not on target");
    pis(SipMethod.AIM, 300, "Lift seat please");
    pis(SipMethod.AIM, 307, "Proxy overflow"); // "...with REDIRECT": a redirection, with Contact
    pis(SipMethod.AIM, 506, "Previous transaction not cleared. FLUSH recommended");
    pis(SipMethod.AIM, 507, "Clogged");
    pis(SipMethod.AIM, 575, "Temporary Failure - inebriated. 3 point stance required");
    // §2.3 FLUSH
    pis(SipMethod.FLUSH, 100, "INFO");
    pis(SipMethod.FLUSH, 155, "Tank Filling");
    pis(SipMethod.FLUSH, 160, "Swirling");
    pis(SipMethod.FLUSH, 161, "Drain circleage");
    pis(SipMethod.FLUSH, 200, "WOOOSH");
    pis(SipMethod.FLUSH, 300, "Partial Flush");
    pis(SipMethod.FLUSH, 404, "No Water");
    pis(SipMethod.FLUSH, 470, "Plugged");
    pis(SipMethod.FLUSH, 602, "Overflowed");
    pis(SipMethod.FLUSH, 666, "Backup");
    pis(SipMethod.FLUSH, 667, "Septic Reflux");
    // §2.4 WASH: 400, 500 and 600 each come with either of two phrases
    pis(SipMethod.WASH, 110, "Queued");
    pis(SipMethod.WASH, 101, "INFO");
    pis(SipMethod.WASH, 200, "SINK-Available");
    for (int code : new int[] {400, 500, 600}) {
      pis(SipMethod.WASH, code, WASH_NO_WATER, WASH_SINK_NOT_CLEAN);
    }
    // §2.5 FRESHEN
    pis(SipMethod.FRESHEN, 300, "Fail");
    pis(SipMethod.FRESHEN, 699, "Explosion");
    // codes of one method that SIP does not register, for answers to other methods
    for (int code : new int[] {110, 155, 160, 161, 165, 506, 507, 575, 602, 666, 667, 699}) {
      PIS_BY_METHOD.values().stream().filter(m -> m.containsKey(code)).findFirst()
          .ifPresent(m -> PIS_ANY_METHOD.put(code, m.get(code).get(0)));
    }
  }

  private static void sip(int code, String phrase) {
    SIP.put(code, phrase);
  }

  private static void pis(SipMethod method, int code, String... phrases) {
    PIS_BY_METHOD.computeIfAbsent(method.name(), m -> new TreeMap<>()).put(code, List.of(phrases));
  }

  /** The advanced proxy's own announcement after it flushed by itself, {@code 200 WOOSH} (draft-pis-00 §2.3). */
  public static final String PIS_AUTO_FLUSH_PHRASE = "WOOSH";

  /** True for a code a server may send: three digits, 100 to 699. */
  public static boolean isValid(int code) {
    return code >= 100 && code <= 699;
  }

  /** The IANA-registered SIP reason phrase for {@code code}, if registered. */
  public static Optional<String> sipPhrase(int code) {
    return Optional.ofNullable(SIP.get(code));
  }

  /**
   * The phrase draft-pis-00 gives to {@code code} when it answers {@code method}, if any: the
   * first of {@link #pisPhrases}, or for a code SIP does not register, the phrase another PIS
   * method gives it ({@code 699 Explosion}).
   */
  public static Optional<String> pisPhrase(int code, SipMethod method) {
    List<String> phrases = pisPhrases(code, method);
    if (!phrases.isEmpty()) {
      return Optional.of(phrases.get(0));
    }
    return SIP.containsKey(code) ? Optional.empty() : Optional.ofNullable(PIS_ANY_METHOD.get(code));
  }

  /**
   * Every phrase draft-pis-00 gives to {@code code} in answer to {@code method}, the default
   * first: one for most codes, two for WASH's 400, 500 and 600 ({@link #WASH_NO_WATER},
   * {@link #WASH_SINK_NOT_CLEAN}); empty if the draft gives none.
   */
  public static List<String> pisPhrases(int code, SipMethod method) {
    return pisCodes(method).getOrDefault(code, List.of());
  }

  /** The codes draft-pis-00 gives for answers to {@code method}, in order, with their phrases. */
  public static SortedMap<Integer, List<String>> pisCodes(SipMethod method) {
    SortedMap<Integer, List<String>> m = PIS_BY_METHOD.get(method.name());
    return m == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(m);
  }

  /**
   * The reason phrase to send with {@code code} in answer to {@code method}: the PIS phrase
   * for PIS methods and PIS-only codes, else the SIP one, else that of the code's class.
   */
  public static String reasonPhrase(int code, SipMethod method) {
    if (method.isPis() || !SIP.containsKey(code)) {
      Optional<String> p = pisPhrase(code, method);
      if (p.isPresent()) {
        return p.get();
      }
    }
    return reasonPhrase(code);
  }

  /** The SIP reason phrase for {@code code}, or that of its class ({@code 499} reads as {@code 400}). */
  public static String reasonPhrase(int code) {
    String p = SIP.get(code);
    if (p != null) {
      return p;
    }
    p = PIS_ANY_METHOD.get(code);
    if (p != null) {
      return p;
    }
    String classPhrase = SIP.get(code / 100 * 100);
    return classPhrase != null ? classPhrase : "Unknown";
  }

  /** 1 for provisional, 2 for success, ... 6 for global failure. */
  public static int statusClass(int code) {
    return code / 100;
  }
}
