/**
 * SDP, the Session Description Protocol (RFC 8866, which obsoletes RFC 4566), as used in the
 * offer/answer model (RFC 3264): an immutable model ({@link io.miville.codec.sdp.Sdp},
 * {@link io.miville.codec.sdp.MediaDescription}, {@link io.miville.codec.sdp.Attribute}, ...),
 * a strict parser ({@link io.miville.codec.sdp.SdpParser}) whose one failure is
 * {@link io.miville.codec.sdp.SdpParseException} with a line number, a writer
 * ({@link io.miville.codec.sdp.SdpWriter}), and typed views of the attributes the offer/answer
 * model uses: rtpmap, fmtp, direction, rtcp (RFC 3605) and ptime. No I/O.
 */
package io.miville.codec.sdp;
