package io.miville.description;

import java.util.Objects;

/**
 * One media stream of a session: its OSC configuration and the state of each of its ends
 * (RFC 1 "the state code of every stream for Alice and Bob; each stream has a source and sink,
 * each located on each agent"). The source is on {@code config.direction().source()}, the sink
 * on {@code config.direction().sink()}.
 *
 * @param config the OSC configuration dict
 * @param source the state of the sending end
 * @param sink the state of the receiving end
 */
public record MediaStream(StreamConfig config, StreamState source, StreamState sink) {
  public MediaStream {
    if (config == null) {
      throw new DescriptionException("config", "missing");
    }
    if (source == null) {
      throw new DescriptionException("source", "missing");
    }
    if (sink == null) {
      throw new DescriptionException("sink", "missing");
    }
  }

  /** A stream whose two ends are {@link StreamState#STOPPED}. */
  public static MediaStream of(StreamConfig config) {
    return new MediaStream(config, StreamState.STOPPED, StreamState.STOPPED);
  }

  /** The state of the end located on {@code agent}. */
  public StreamState stateOn(Role agent) {
    return agent == config.direction().source() ? source : sink;
  }

  /** The same stream with the end on {@code agent} in {@code state}. */
  public MediaStream withStateOn(Role agent, StreamState state) {
    Objects.requireNonNull(state, "state");
    return agent == config.direction().source()
        ? new MediaStream(config, state, sink) : new MediaStream(config, source, state);
  }

  /** The same stream with another configuration. */
  public MediaStream withConfig(StreamConfig newConfig) {
    return new MediaStream(newConfig, source, sink);
  }
}
