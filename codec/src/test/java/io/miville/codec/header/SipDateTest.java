package io.miville.codec.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipParseException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Date (RFC 3261 §20.17): an RFC 1123 date, in GMT only. */
class SipDateTest {

  @Test
  void readsAndWritesRfc1123Dates() {
    SipDate d = SipHeaders.DATE.parse("Sat, 13 Nov 2010 23:29:00 GMT");
    assertThat(d.instant()).isEqualTo(Instant.parse("2010-11-13T23:29:00Z"));
    assertThat(d.toString()).isEqualTo("Sat, 13 Nov 2010 23:29:00 GMT");
    assertThat(SipHeaders.DATE.parse("Thu, 21 Feb 2002 13:02:03 GMT").toString()).isEqualTo("Thu, 21 Feb 2002 13:02:03 GMT");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Sat, 13 Nov 2010 23:29:00 UTC", "Sat, 13 Nov 2010 23:29:00 EST", "Sat, 13 Nov 2010 23:29:00 +0000",
      "Sat, 13 Nov 2010 23:29:00 gmt", "Sat, 13 Nov 2010 23:29:00", "Sun, 13 Nov 2010 23:29:00 GMT",
      "Sat, 3 Nov 2010 23:29:00 GMT", "Sat, 13 nov 2010 23:29:00 GMT", "Sat, 13 Nov 10 23:29:00 GMT",
      "Sat 13 Nov 2010 23:29:00 GMT", "Sat, 13 Nov 2010 24:00:00 GMT", "Sat, 31 Nov 2010 00:00:00 GMT",
      "Sat, 13 Nov 2010 23:29 GMT", "Saturday, 13-Nov-10 23:29:00 GMT", "Sat Nov 13 23:29:00 2010",
      "Sat, 13 Nov 2010 23:29:00 GMT x", "",
  })
  void otherFormsAndZonesAreRefused(String text) {
    assertThatThrownBy(() -> SipHeaders.DATE.parse(text)).isInstanceOf(SipParseException.class);
  }

  @Test
  void everyFourDigitYearWritesBackAsRead() {
    // year 0 is 1 BC: written with the proleptic year, not the year of era
    for (String text : new String[] {"Sat, 01 Jan 0000 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
        "Mon, 01 Jan 0001 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT"}) {
      SipDate d = SipHeaders.DATE.parse(text);
      assertThat(d.toString()).isEqualTo(text);
      assertThat(SipHeaders.DATE.parse(d.toString())).isEqualTo(d);
    }
  }

  @Test
  void dateKeepsWholeSecondsAsTheHeaderDoes() {
    SipDate d = new SipDate(Instant.parse("2024-02-29T12:00:00.987654321Z"));
    assertThat(d.instant()).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
    assertThat(SipHeaders.DATE.parse(d.toString())).isEqualTo(d);
    assertThatThrownBy(() -> new SipDate(Instant.parse("+10000-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SipDate(Instant.parse("-0001-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
  }
}
