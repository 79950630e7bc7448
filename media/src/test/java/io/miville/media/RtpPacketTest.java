package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encodesTheFixedHeaderBitForBit() {
    RtpPacket packet = RtpPacket.builder()
        .marker(true).payloadType(0).sequence(0x1234).timestamp(0xDEADBEEFL).ssrc(0x01020304L)
        .payload(new byte[] {1, 2, 3}).build();

    // V=2 P=0 X=0 CC=0 | M=1 PT=0 | seq | timestamp | SSRC | payload
    assertThat(HEX.formatHex(packet.encode())).isEqualTo("80801234deadbeef01020304010203");
    assertThat(packet.encodedLength()).isEqualTo(15);
  }

  @Test
  void encodesCsrcExtensionAndPadding() {
    RtpPacket packet = RtpPacket.builder()
        .payloadType(96).sequence(65535).timestamp(0xFFFF_FFFFL).ssrc(0xFFFF_FFFFL)
        .csrcs(List.of(1L, 0xFFFF_FFFEL))
        .extension(Optional.of(new RtpPacket.Extension(0xBEDE, new byte[] {9, 8, 7, 6})))
        .padding(3)
        .payload(new byte[] {0x55})
        .build();

    String hex = HEX.formatHex(packet.encode());
    // 0xB2 = V=2, P, X, CC=2; 0x60 = PT 96, no marker
    assertThat(hex).isEqualTo("b260ffff" + "ffffffff" + "ffffffff" + "00000001" + "fffffffe"
        + "bede0001" + "09080706" + "55" + "000003");
    RtpPacket decoded = RtpPacket.decode(packet.encode());
    assertThat(decoded).isEqualTo(packet);
    assertThat(decoded.paddingLength()).isEqualTo(3);
    assertThat(decoded.payload()).containsExactly(0x55);
    assertThat(decoded.csrcs()).containsExactly(1L, 0xFFFF_FFFEL);
    assertThat(decoded.extension().orElseThrow().profile()).isEqualTo(0xBEDE);
  }

  @Test
  void decodesFromTheMiddleOfABufferWithoutMovingIt() {
    byte[] wire = RtpPacket.builder().sequence(7).payload(new byte[] {1, 2}).build().encode();
    byte[] framed = new byte[wire.length + 4];
    System.arraycopy(wire, 0, framed, 2, wire.length);

    assertThat(RtpPacket.decode(framed, 2, wire.length).sequence()).isEqualTo(7);
    ByteBuffer buffer = ByteBuffer.wrap(framed, 2, wire.length);
    assertThat(RtpPacket.decode(buffer).payload()).containsExactly(1, 2);
    assertThat(buffer.position()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "empty,                                   '',                                  shorter than",
      "11 octets,                               8000000000000000000000,              shorter than",
      "version 0,                               000000000000000000000000,            version",
      "version 1,                               400000000000000000000000,            version",
      "version 3,                               c00000000000000000000000,            version",
      "RTCP sender report on the RTP port,      80c8000600000000000000000000,        RTCP",
      "RTCP receiver report (PT 73 + M),        81c9000700000000000000000000,        RTCP",
      "payload type 76 without marker,          804c000000000000000000000000,        RTCP",
      "CC=15 in 20 octets,                      8f00000000000000000000000000000000000000, CSRC",
      "CC=1 with 3 octets of CSRC,              810000000000000000000000000000,      CSRC",
      "X bit without an extension header,       900000000000000000000000,            header extension truncated",
      "extension says 2 words but has 1,        900000000000000000000000bede000201020304, extension longer",
      "padding count of 0,                      a0000000000000000000000000010200,    padding count of 0",
      "padding longer than the payload,         a00000000000000000000000010205,      padding longer",
      "padding alone longer than the packet,    a000000000000000000000ff,            padding longer",
  })
  void rejectsGarbageWithAShortReason(String name, String hex, String reason) {
    byte[] data = HEX.parseHex(hex);
    assertThatThrownBy(() -> RtpPacket.decode(data))
        .isInstanceOf(RtpFormatException.class)
        .hasMessageContaining(reason.trim());
  }

  @Test
  void acceptsAHeaderWithoutPayloadAndPaddingThatFillsThePayload() {
    assertThat(RtpPacket.decode(HEX.parseHex("800000010000000000000000")).payloadLength()).isZero();
    RtpPacket allPadding = RtpPacket.decode(HEX.parseHex("a0000001000000000000000000000004"));
    assertThat(allPadding.payloadLength()).isZero();
    assertThat(allPadding.paddingLength()).isEqualTo(4);
  }

  @Test
  void builderRefusesOutOfRangeFields() {
    RtpPacket.Builder b = RtpPacket.builder();
    assertThatThrownBy(() -> b.payloadType(128)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.payloadType(72)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.sequence(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timestamp(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.ssrc(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.padding(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.csrcs(java.util.Collections.nCopies(16, 1L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RtpPacket.Extension(1, new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadIsCopiedBothWays() {
    byte[] payload = {1, 2, 3};
    RtpPacket packet = RtpPacket.builder().payload(payload).build();
    payload[0] = 9;
    packet.payload()[1] = 9;
    assertThat(packet.payload()).containsExactly(1, 2, 3);
  }

  @Property(tries = 500)
  void everyPacketSurvivesEncodeDecode(@ForAll("packets") RtpPacket packet) {
    assertThat(RtpPacket.decode(packet.encode())).isEqualTo(packet);
  }

  @Property(tries = 2000)
  void arbitraryBytesDecodeOrFailCleanly(@ForAll byte[] data) {
    try {
      RtpPacket packet = RtpPacket.decode(data);
      // what decodes re-encodes to the same size (padding octets other than the count may differ)
      assertThat(packet.encodedLength()).isEqualTo(data.length);
    } catch (RtpFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<RtpPacket> packets() {
    Arbitrary<Integer> payloadType = Arbitraries.integers().between(0, 127).filter(pt -> pt < 72 || pt > 76);
    Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    Arbitrary<List<Long>> csrcs = u32.list().ofMaxSize(15);
    Arbitrary<Optional<RtpPacket.Extension>> extension = Arbitraries.integers().between(0, 0xFFFF)
        .flatMap(profile -> Arbitraries.integers().between(0, 4)
            .map(words -> new RtpPacket.Extension(profile, new byte[words * 4])))
        .optional();
    return Combinators.combine(Arbitraries.of(true, false), payloadType,
            Arbitraries.integers().between(0, 65535), u32, u32, csrcs, extension,
            Arbitraries.integers().between(0, 255))
        .as((marker, pt, seq, ts, ssrc, cs, ext, pad) -> RtpPacket.builder()
            .marker(marker).payloadType(pt).sequence(seq).timestamp(ts).ssrc(ssrc).csrcs(cs)
            .extension(ext).padding(pad))
        .flatMap(b -> Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
            .map(payload -> b.payload(payload).build()));
  }
}
