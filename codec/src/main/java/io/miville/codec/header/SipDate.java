package io.miville.codec.header;

import io.miville.codec.SipVersion;
import io.miville.codec.internal.Cursor;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The Date header (RFC 3261 §20.17): an RFC 1123 date that MUST be in GMT, for example
 * {@code Sat, 13 Nov 2010 23:29:00 GMT}.
 *
 * @param instant the moment the date names
 */
public record SipDate(Instant instant) {
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * A date of whole seconds, as the header carries; a finer instant is truncated.
   *
   * @throws IllegalArgumentException if the year is not one of the four digits the header
   *     writes (0000 to 9999)
   */
  public SipDate {
    instant = instant.truncatedTo(ChronoUnit.SECONDS);
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException("a SIP date has a four-digit year");
    }
  }

  static SipDate parse(Cursor c, SipVersion version) {
    String wkday = c.token("expected weekday");
    c.expect(',', "expected , after weekday");
    c.expect(' ', "expected space in date");
    int day = (int) twoDigits(c);
    c.expect(' ', "expected space in date");
    String mon = c.token("expected month");
    int month = -1;
    for (int i = 0; i < 12; i++) {
      if (MONTHS[i].equals(mon)) {
        month = i + 1;
      }
    }
    if (month < 0) {
      throw c.fail("bad month in date");
    }
    c.expect(' ', "expected space in date");
    int yearStart = c.pos();
    long year = c.digits(4, "year");
    if (c.pos() - yearStart != 4) {
      throw c.fail("year must have four digits");
    }
    c.expect(' ', "expected space in date");
    int hour = (int) twoDigits(c);
    c.expect(':', "expected : in time");
    int minute = (int) twoDigits(c);
    c.expect(':', "expected : in time");
    int second = (int) twoDigits(c);
    c.expect(' ', "expected space in date");
    int zoneStart = c.pos();
    String zone = c.token("expected GMT");
    if (!zone.equals("GMT")) {
      c.pos(zoneStart);
      throw c.fail("date must be in GMT");
    }
    LocalDateTime t;
    try {
      t = LocalDateTime.of((int) year, month, day, hour, minute, second == 60 ? 59 : second);
    } catch (java.time.DateTimeException e) {
      throw c.fail("bad date");
    }
    DayOfWeek dow = t.getDayOfWeek();
    if (!dow.getDisplayName(TextStyle.SHORT, Locale.ROOT).equals(wkday)) {
      throw c.fail("weekday does not match date");
    }
    return new SipDate(t.toInstant(ZoneOffset.UTC));
  }

  private static long twoDigits(Cursor c) {
    int start = c.pos();
    long v = c.digits(2, "two digits");
    if (c.pos() - start != 2) {
      throw c.fail("expected two digits");
    }
    return v;
  }

  @Override
  public String toString() {
    return FORMAT.format(instant);
  }
}
