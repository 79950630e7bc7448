package io.miville.media;

import java.util.OptionalLong;

/**
 * What an {@link RtpReceiver} has seen, as of one instant. See {@link ReceptionTracker} for how
 * each RFC 3550 figure is computed.
 *
 * @param datagrams UDP datagrams read from the socket, garbage included
 * @param datagramBytes bytes in those datagrams
 * @param packets valid RTP packets of the expected payload type, any SSRC, duplicates included
 * @param octets payload octets of those packets
 * @param malformed datagrams dropped because they are not valid RTP (RFC 3550 §A.1 checks)
 * @param unexpectedPayloadType valid RTP packets dropped because of their payload type
 * @param ignoredWhileDisabled datagrams read and dropped while receiving was switched off
 * @param expected packets expected from the current source (§A.3)
 * @param received packets received from the current source, duplicates included (§A.3)
 * @param lost cumulative packets lost, expected - received (§A.3); negative with duplicates
 * @param duplicates packets seen twice
 * @param reordered packets that came after a higher sequence number
 * @param probationPackets packets of an SSRC in probation (not in the figures above)
 * @param droppedJumps packets dropped as unconfirmed sequence jumps
 * @param extendedHighestSequence cycles * 65536 + highest sequence number
 * @param cycles sequence number wrap-arounds
 * @param jitter interarrival jitter in timestamp units (§6.4.1)
 * @param jitterMillis the same in milliseconds
 * @param ssrc the SSRC of the current source
 * @param lastSsrc the SSRC of the last valid packet, whatever its source
 * @param ssrcChanges times a new SSRC replaced the current source
 * @param clockRate timestamp units per second
 */
public record ReceiverStats(
    long datagrams,
    long datagramBytes,
    long packets,
    long octets,
    long malformed,
    long unexpectedPayloadType,
    long ignoredWhileDisabled,
    long expected,
    long received,
    long lost,
    long duplicates,
    long reordered,
    long probationPackets,
    long droppedJumps,
    long extendedHighestSequence,
    long cycles,
    double jitter,
    double jitterMillis,
    OptionalLong ssrc,
    OptionalLong lastSsrc,
    int ssrcChanges,
    int clockRate) {

  /**
   * Loss as a fraction of the expected packets, 0 to 1 (0 when nothing was expected or when
   * duplicates outnumber losses).
   */
  public double lossFraction() {
    return expected <= 0 || lost <= 0 ? 0 : (double) lost / expected;
  }
}
