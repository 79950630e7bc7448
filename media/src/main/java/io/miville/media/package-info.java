/**
 * Real RTP media streams for Miville agents (see {@code docs/media.md}).
 *
 * <p>{@link io.miville.media.PortAllocator} hands out blocks of 10 ports (RTP on the base, RTCP
 * on base + 1) checked free by binding them; a {@link io.miville.media.MediaStream} is one
 * direction of one medium (a source sending with {@link io.miville.media.RtpSender}, or a sink
 * receiving with {@link io.miville.media.RtpReceiver}) and reports a
 * {@link io.miville.media.StreamState} code (100, 200, 204, 408, 500, 0). Packets are RFC 3550
 * {@link io.miville.media.RtpPacket}s carrying {@link io.miville.media.PayloadFormat#pcmu() PCMU}
 * or {@link io.miville.media.PayloadFormat#l16(int, int) L16}; reception statistics follow RFC
 * 3550 Appendix A ({@link io.miville.media.ReceptionTracker}). Time is injected through
 * {@link io.miville.media.MediaClock}; tests use {@link io.miville.media.ManualClock}.
 */
package io.miville.media;
