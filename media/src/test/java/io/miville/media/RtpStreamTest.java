package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sender and a receiver on real UDP sockets on 127.0.0.1, paced by a manual clock. */
class RtpStreamTest {
  private final ManualClock clock = ManualClock.create();
  private final Arrivals arrivals = new Arrivals();
  private PortAllocator allocator;
  private PortBlock senderBlock;
  private PortBlock receiverBlock;
  private RtpReceiver receiver;

  @BeforeEach
  void setUp() {
    allocator = TestPorts.allocator(4);
    senderBlock = allocator.allocate();
    receiverBlock = allocator.allocate();
  }

  @AfterEach
  void tearDown() {
    if (receiver != null) {
      receiver.stop();
    }
    senderBlock.release();
    receiverBlock.release();
    assertThat(allocator.held()).isEmpty();
  }

  private InetSocketAddress receiverAddress() {
    return new InetSocketAddress(TestPorts.LOOPBACK, receiverBlock.rtpPort());
  }

  private RtpReceiver startReceiver(PayloadFormat format) {
    receiver = RtpReceiver.builder(receiverBlock.rtpChannel(), format).clock(clock).listener(arrivals).build();
    receiver.start();
    return receiver;
  }

  /** Runs the sender for {@code frames} frames in batches, waiting for what it put on the wire. */
  private void run(RtpSender sender, int frames) {
    sender.start();
    arrivals.awaitPackets(sender.stats().packetsSent());
    int left = frames - 1;
    while (left > 0) {
      int batch = Math.min(left, 50);
      long before = sender.stats().packetsSent();
      clock.advance(sender.format().frameDuration().multipliedBy(batch));
      arrivals.awaitPackets(sender.stats().packetsSent() - before);
      left -= batch;
    }
  }

  @Test
  void everyPcmuFrameSentIsReceivedAndCounted() {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    RtpSender sender = RtpSender.builder(senderBlock.rtpChannel(), receiverAddress(), pcmu)
        .clock(clock).source(ToneSource.create(pcmu, 1000, -10))
        .ssrc(0xCAFE_F00DL).initialSequence(1000).initialTimestamp(5000).build();

    run(sender, 500);

    ReceiverStats stats = receiver.stats();
    assertThat(stats.datagrams()).isEqualTo(500);
    assertThat(stats.packets()).isEqualTo(500);
    assertThat(stats.octets()).isEqualTo(500 * 160);
    assertThat(stats.datagramBytes()).isEqualTo(500 * 172);
    assertThat(stats.expected()).isEqualTo(500);
    assertThat(stats.received()).isEqualTo(500);
    assertThat(stats.lost()).isZero();
    assertThat(stats.duplicates()).isZero();
    assertThat(stats.reordered()).isZero();
    assertThat(stats.malformed()).isZero();
    assertThat(stats.extendedHighestSequence()).isEqualTo(1499);
    assertThat(stats.ssrc()).hasValue(0xCAFE_F00DL);
    assertThat(stats.lastSsrc()).hasValue(0xCAFE_F00DL);

    SenderStats sent = sender.stats();
    assertThat(sent.packetsSent()).isEqualTo(500);
    assertThat(sent.octetsSent()).isEqualTo(500 * 160);
    assertThat(sent.bytesSent()).isEqualTo(500 * 172);
    assertThat(sent.nextSequence()).isEqualTo(1500);
    assertThat(sent.lastTimestamp()).isEqualTo(5000 + 499 * 160);
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(499 * 20));

    // sequence +1, timestamp +160 per packet, marker on the first only, the tone as sent
    ToneSource twin = ToneSource.create(pcmu, 1000, -10);
    short[] frame = new short[160];
    List<RtpPacket> packets = arrivals.packets;
    for (int i = 0; i < packets.size(); i++) {
      RtpPacket p = packets.get(i);
      assertThat(p.sequence()).isEqualTo(1000 + i);
      assertThat(p.timestamp()).isEqualTo(5000 + 160L * i);
      assertThat(p.marker()).isEqualTo(i == 0);
      assertThat(p.payloadType()).isZero();
      twin.fill(frame);
      assertThat(p.payload()).isEqualTo(Pcmu.encode(frame));
    }
    sender.stop();
    assertThat(senderBlock.rtpChannel().isOpen()).isFalse();
  }

  @Test
  void lossFromDroppingEverySeventhPacketIsMeasuredExactly() {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    RtpSender sender = RtpSender.builder(senderBlock.rtpChannel(), receiverAddress(), pcmu)
        .clock(clock).filter(PacketFilter.dropEvery(7)).initialSequence(40_000).build();

    run(sender, 300);

    // packets 7, 14, ..., 294 dropped: 42; the 300th went out, so expected covers all 300
    assertThat(sender.stats().packetsFiltered()).isEqualTo(42);
    assertThat(sender.stats().packetsSent()).isEqualTo(258);
    ReceiverStats stats = receiver.stats();
    assertThat(stats.packets()).isEqualTo(258);
    assertThat(stats.expected()).isEqualTo(300);
    assertThat(stats.received()).isEqualTo(258);
    assertThat(stats.lost()).isEqualTo(42);
    assertThat(stats.lossFraction()).isCloseTo(0.14, within(1e-12));
    sender.stop();
  }

  @Test
  void sequenceWrapAroundWithLossAcrossIt() {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    RtpSender sender = RtpSender.builder(senderBlock.rtpChannel(), receiverAddress(), pcmu)
        .clock(clock).filter(PacketFilter.dropEvery(10)).initialSequence(65_500)
        .initialTimestamp(0xFFFF_FFFFL - 1000).build();

    run(sender, 105);

    // packets 1-36 carry 65500 .. 65535, packets 37-105 carry 0 .. 68; packets 10, 20, ..., 100
    // are dropped (the 30th is 65529, the 40th is 3, across the wrap); the 105th arrived, so
    // all 105 are expected
    ReceiverStats stats = receiver.stats();
    assertThat(stats.cycles()).isEqualTo(1);
    assertThat(stats.extendedHighestSequence()).isEqualTo(65_500 + 104);
    assertThat(stats.expected()).isEqualTo(105);
    assertThat(stats.received()).isEqualTo(95);
    assertThat(stats.lost()).isEqualTo(10);
    assertThat(arrivals.packets.get(arrivals.packets.size() - 1).sequence()).isEqualTo((65_500 + 104) & 0xFFFF);
    sender.stop();
  }

  @Test
  void l16StereoAt48kHzArrivesSampleExact() {
    PayloadFormat stereo = PayloadFormat.l16(97, 2);
    startReceiver(stereo);
    RtpSender sender = RtpSender.builder(senderBlock.rtpChannel(), receiverAddress(), stereo)
        .clock(clock).source(ToneSource.create(stereo, 997, -3)).initialTimestamp(0).build();

    run(sender, 100);

    ReceiverStats stats = receiver.stats();
    assertThat(stats.packets()).isEqualTo(100);
    assertThat(stats.datagramBytes()).isEqualTo(100 * (12 + 3840));
    assertThat(stats.lost()).isZero();
    assertThat(stats.clockRate()).isEqualTo(48000);
    ToneSource twin = ToneSource.create(stereo, 997, -3);
    short[] frame = new short[1920];
    for (int i = 0; i < 100; i++) {
      RtpPacket p = arrivals.packets.get(i);
      assertThat(p.payloadType()).isEqualTo(97);
      assertThat(p.timestamp()).isEqualTo(960L * i);
      twin.fill(frame);
      assertThat(stereo.decode(p.payload())).containsExactly(frame);
    }
    sender.stop();
  }

  @Test
  void switchingSendingOffKeepsTimeButNotSequenceNumbers() {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    RtpSender sender = RtpSender.builder(senderBlock.rtpChannel(), receiverAddress(), pcmu)
        .clock(clock).initialSequence(10).initialTimestamp(0).build();

    run(sender, 10);
    sender.enabled(false);
    clock.advance(Duration.ofMillis(200)); // 10 frames muted
    assertThat(sender.enabled()).isFalse();
    sender.enabled(true);
    long before = sender.stats().packetsSent();
    clock.advance(Duration.ofMillis(200));
    arrivals.awaitPackets(sender.stats().packetsSent() - before);

    assertThat(sender.stats().framesMuted()).isEqualTo(10);
    assertThat(sender.stats().packetsSent()).isEqualTo(20);
    ReceiverStats stats = receiver.stats();
    assertThat(stats.expected()).isEqualTo(20);
    assertThat(stats.lost()).isZero();
    RtpPacket resumed = arrivals.packets.get(10);
    assertThat(resumed.sequence()).isEqualTo(20);
    assertThat(resumed.timestamp()).isEqualTo(20 * 160);
    assertThat(resumed.marker()).isTrue();
    assertThat(arrivals.packets.get(11).marker()).isFalse();
    sender.stop();
  }

  @Test
  void jitterOnRealSocketsFollowsTheManualClock() throws IOException {
    // arrivals at 0, 20, 45, 60, 80 ms of packets stamped 0, 160, ...: J = 4.541015625 (A.8,
    // computed by hand in ReceptionTrackerTest)
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    try (DatagramChannel raw = TestPorts.bind(0)) {
      long[] arrivalMillis = {0, 20, 45, 60, 80};
      long previous = 0;
      for (int i = 0; i < arrivalMillis.length; i++) {
        clock.advance(Duration.ofMillis(arrivalMillis[i] - previous));
        previous = arrivalMillis[i];
        send(raw, RtpPacket.builder().ssrc(7).sequence(i).timestamp(160L * i).payload(new byte[160]).build().encode());
        arrivals.awaitPackets(1);
      }
    }
    assertThat(receiver.stats().jitter()).isCloseTo(4.541015625, within(1e-9));
    assertThat(receiver.stats().jitterMillis()).isCloseTo(0.567626953125, within(1e-9));
  }

  @Test
  void garbageIsCountedAndDropped() throws IOException {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    HexFormat hex = HexFormat.of();
    List<String> garbage = List.of(
        "",                                            // empty datagram
        "8000000102",                                   // shorter than a header
        "400000010000000000000000",                     // version 1
        "80c8000600000000000000000000",                 // RTCP sender report
        "8f000001000000000000000000000000",             // 15 CSRCs announced, 1 present
        "900000010000000000000000",                     // X without extension
        "a00000010000000000000000000000ff");            // padding longer than the packet
    try (DatagramChannel raw = TestPorts.bind(0)) {
      for (String g : garbage) {
        send(raw, hex.parseHex(g));
      }
      arrivals.awaitDrops(garbage.size());
      send(raw, RtpPacket.builder().payloadType(8).sequence(1).build().encode()); // PCMA, not ours
      arrivals.awaitDrops(1);
      for (int i = 0; i < 3; i++) {
        send(raw, RtpPacket.builder().payloadType(0).sequence(100 + i).payload(new byte[160]).build().encode());
      }
      arrivals.awaitPackets(3);
    }
    ReceiverStats stats = receiver.stats();
    assertThat(stats.malformed()).isEqualTo(7);
    assertThat(stats.unexpectedPayloadType()).isEqualTo(1);
    assertThat(stats.datagrams()).isEqualTo(11);
    assertThat(stats.packets()).isEqualTo(3);
    assertThat(stats.expected()).isEqualTo(3);
    assertThat(stats.lost()).isZero();
    assertThat(arrivals.drops).containsOnly(RtpReceiver.Drop.MALFORMED, RtpReceiver.Drop.UNEXPECTED_PAYLOAD_TYPE);
  }

  @Test
  void switchingReceivingOffIgnoresPackets() throws IOException {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    try (DatagramChannel raw = TestPorts.bind(0)) {
      receiver.enabled(false);
      for (int i = 0; i < 4; i++) {
        send(raw, RtpPacket.builder().sequence(i).build().encode());
      }
      arrivals.awaitDrops(4);
      assertThat(receiver.enabled()).isFalse();
      receiver.enabled(true);
      send(raw, RtpPacket.builder().sequence(4).build().encode());
      arrivals.awaitPackets(1);
    }
    ReceiverStats stats = receiver.stats();
    assertThat(stats.ignoredWhileDisabled()).isEqualTo(4);
    assertThat(stats.packets()).isEqualTo(1);
    assertThat(stats.expected()).isEqualTo(1);
    assertThat(arrivals.drops).containsOnly(RtpReceiver.Drop.DISABLED);
  }

  @Test
  void duplicatesAndReorderingOnTheWire() throws IOException {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    startReceiver(pcmu);
    int[] order = {1, 2, 4, 3, 5, 5, 6, 8, 7, 9};
    try (DatagramChannel raw = TestPorts.bind(0)) {
      for (int s : order) {
        send(raw, RtpPacket.builder().ssrc(3).sequence(s).timestamp(160L * s).build().encode());
      }
      arrivals.awaitPackets(order.length);
    }
    ReceiverStats stats = receiver.stats();
    assertThat(stats.expected()).isEqualTo(9);
    assertThat(stats.received()).isEqualTo(10);
    assertThat(stats.lost()).isEqualTo(-1);
    assertThat(stats.duplicates()).isEqualTo(1);
    assertThat(stats.reordered()).isEqualTo(2);
  }

  private void send(DatagramChannel raw, byte[] datagram) throws IOException {
    raw.send(ByteBuffer.wrap(datagram), receiverAddress());
  }
}
