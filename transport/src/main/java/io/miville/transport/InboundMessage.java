package io.miville.transport;

import io.miville.codec.SipMessage;

/**
 * A message as it arrived: already parsed, with the flow it came on and when (from the
 * transport's monotonic clock, in nanoseconds).
 *
 * @param message the parsed message
 * @param flow where it came from
 * @param receivedNanos the monotonic time of arrival
 */
public record InboundMessage(SipMessage message, Flow flow, long receivedNanos) {}
