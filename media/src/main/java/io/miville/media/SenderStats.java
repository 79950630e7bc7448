package io.miville.media;

/**
 * What an {@link RtpSender} has done, as of one instant.
 *
 * @param ssrc the sender's synchronization source
 * @param packetsSent RTP packets put on the wire
 * @param octetsSent payload octets in those packets (the SR "sender's octet count", RFC 3550 §6.4.1)
 * @param bytesSent UDP payload bytes, headers included
 * @param packetsFiltered packets built but dropped by the {@link PacketFilter} (fault injection):
 *     they used a sequence number
 * @param framesMuted frames not sent because sending was switched off (time, hence the timestamp,
 *     moved on; the sequence number did not)
 * @param framesSkipped frames not even built because the timer ran too late to catch up
 * @param nextSequence the sequence number of the next packet
 * @param lastTimestamp the RTP timestamp of the last frame built
 */
public record SenderStats(
    long ssrc,
    long packetsSent,
    long octetsSent,
    long bytesSent,
    long packetsFiltered,
    long framesMuted,
    long framesSkipped,
    int nextSequence,
    long lastTimestamp) {}
