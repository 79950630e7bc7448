package io.miville.agent.api;

/**
 * One media stream of a session as shown to the user: its end on this agent (a source that
 * sends, or a sink that receives), its state code and its packet counts.
 *
 * @param name the stream's name in the description (e.g. {@code audio-1})
 * @param media audio, video, midi, ...
 * @param end {@code source} (this agent sends) or {@code sink} (this agent receives)
 * @param format the codec, e.g. {@code PCMU} or {@code L16/48000/2}
 * @param localPort the local RTP port
 * @param remote the remote address and RTP port, {@code host:port}
 * @param stateCode the local end's state code (100 starting, 200 streaming, 408 no packets, ...)
 * @param stateMessage its message
 * @param peerStateCode the peer's end's state code as it last reported it
 * @param peerStateMessage its message
 * @param packets packets sent (source) or received (sink)
 * @param lost packets lost (sink; 0 for a source)
 * @param jitterMs interarrival jitter in ms (sink; 0 for a source)
 */
public record StreamView(String name, String media, String end, String format, int localPort, String remote,
    int stateCode, String stateMessage, int peerStateCode, String peerStateMessage, long packets, long lost,
    double jitterMs) {}
