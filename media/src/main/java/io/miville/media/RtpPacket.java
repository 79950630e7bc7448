package io.miville.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RTP data packet (RFC 3550 §5.1), immutable.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers             | x CC
 * [ header extension (§5.3.1): profile-defined 16 bits, length in words, data ]
 * payload ... [ padding, the last octet counting the padding octets ]
 * </pre>
 *
 * <p>Unsigned 16- and 32-bit fields are carried in {@code int} and {@code long}. The payload
 * excludes padding; {@link #paddingLength()} is 0 when the P bit is clear.
 */
public final class RtpPacket {
  /** RTP version 2 (RFC 3550 §5.1). */
  public static final int VERSION = 2;
  /** Octets of the fixed header. */
  public static final int FIXED_HEADER_BYTES = 12;
  /** Most CSRC identifiers a header can list (4-bit CC). */
  public static final int MAX_CSRC = 15;

  private final boolean marker;
  private final int payloadType;
  private final int sequence;
  private final long timestamp;
  private final long ssrc;
  private final long[] csrcs;
  private final Optional<Extension> extension;
  private final int paddingLength;
  private final byte[] payload;

  private RtpPacket(Builder b) {
    this.marker = b.marker;
    this.payloadType = b.payloadType;
    this.sequence = b.sequence;
    this.timestamp = b.timestamp;
    this.ssrc = b.ssrc;
    this.csrcs = b.csrcs.clone();
    this.extension = b.extension;
    this.paddingLength = b.paddingLength;
    this.payload = b.payload.clone();
  }

  /** A builder; payload type, sequence, timestamp and SSRC default to 0, payload to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this packet's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.marker = marker;
    b.payloadType = payloadType;
    b.sequence = sequence;
    b.timestamp = timestamp;
    b.ssrc = ssrc;
    b.csrcs = csrcs.clone();
    b.extension = extension;
    b.paddingLength = paddingLength;
    b.payload = payload.clone();
    return b;
  }

  /**
   * Decodes one datagram with the checks of RFC 3550 §A.1 that need no state: version 2, a
   * payload type that cannot be mistaken for RTCP (RFC 5761 §4), a CSRC list, header extension
   * and padding that fit inside the datagram, and a padding count that is not zero.
   *
   * @throws RtpFormatException if the datagram is not a valid RTP packet
   */
  public static RtpPacket decode(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    return decode(ByteBuffer.wrap(data, offset, length));
  }

  /** Decodes a whole array; see {@link #decode(byte[], int, int)}. */
  public static RtpPacket decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /**
   * Decodes the remaining bytes of {@code buffer} (its position is left unchanged); see
   * {@link #decode(byte[], int, int)}.
   */
  public static RtpPacket decode(ByteBuffer buffer) {
    ByteBuffer in = buffer.slice();
    int length = in.remaining();
    if (length < FIXED_HEADER_BYTES) {
      throw new RtpFormatException("shorter than the 12-octet RTP header");
    }
    int first = in.get(0) & 0xFF;
    int second = in.get(1) & 0xFF;
    if (first >>> 6 != VERSION) {
      throw new RtpFormatException("RTP version is not 2");
    }
    int payloadType = second & 0x7F;
    if (isRtcpConflict(payloadType)) {
      throw new RtpFormatException("payload type 72-76 (an RTCP packet on the RTP port?)");
    }
    boolean padding = (first & 0x20) != 0;
    boolean hasExtension = (first & 0x10) != 0;
    int csrcCount = first & 0x0F;
    int headerLength = FIXED_HEADER_BYTES + 4 * csrcCount;
    if (headerLength > length) {
      throw new RtpFormatException("CSRC list longer than the packet");
    }
    Builder b = new Builder();
    b.marker = (second & 0x80) != 0;
    b.payloadType = payloadType;
    b.sequence = in.getShort(2) & 0xFFFF;
    b.timestamp = in.getInt(4) & 0xFFFF_FFFFL;
    b.ssrc = in.getInt(8) & 0xFFFF_FFFFL;
    b.csrcs = new long[csrcCount];
    for (int i = 0; i < csrcCount; i++) {
      b.csrcs[i] = in.getInt(FIXED_HEADER_BYTES + 4 * i) & 0xFFFF_FFFFL;
    }
    if (hasExtension) {
      if (headerLength + 4 > length) {
        throw new RtpFormatException("header extension truncated");
      }
      int profile = in.getShort(headerLength) & 0xFFFF;
      int words = in.getShort(headerLength + 2) & 0xFFFF;
      int dataStart = headerLength + 4;
      if (dataStart + 4 * words > length) {
        throw new RtpFormatException("header extension longer than the packet");
      }
      byte[] data = new byte[4 * words];
      in.get(dataStart, data);
      b.extension = Optional.of(new Extension(profile, data));
      headerLength = dataStart + 4 * words;
    }
    int paddingLength = 0;
    if (padding) {
      paddingLength = in.get(length - 1) & 0xFF;
      if (paddingLength == 0) {
        throw new RtpFormatException("padding bit set with a padding count of 0");
      }
      if (paddingLength > length - headerLength) {
        throw new RtpFormatException("padding longer than the payload");
      }
    }
    b.paddingLength = paddingLength;
    b.payload = new byte[length - headerLength - paddingLength];
    in.get(headerLength, b.payload);
    return new RtpPacket(b, true);
  }

  // decode hands over freshly made arrays: no need to copy them again
  private RtpPacket(Builder b, boolean owned) {
    this.marker = b.marker;
    this.payloadType = b.payloadType;
    this.sequence = b.sequence;
    this.timestamp = b.timestamp;
    this.ssrc = b.ssrc;
    this.csrcs = b.csrcs;
    this.extension = b.extension;
    this.paddingLength = b.paddingLength;
    this.payload = b.payload;
  }

  /** Payload types 72-76 make octet 1 look like RTCP SR/RR/SDES/BYE/APP (RFC 5761 §4). */
  static boolean isRtcpConflict(int payloadType) {
    return payloadType >= 72 && payloadType <= 76;
  }

  /** The encoded size in octets. */
  public int encodedLength() {
    return FIXED_HEADER_BYTES + 4 * csrcs.length
        + extension.map(e -> 4 + e.data().length).orElse(0) + payload.length + paddingLength;
  }

  /** The packet on the wire. */
  public byte[] encode() {
    byte[] out = new byte[encodedLength()];
    encodeTo(ByteBuffer.wrap(out));
    return out;
  }

  /**
   * Writes the packet at the buffer's position and advances it.
   *
   * @throws java.nio.BufferOverflowException if it does not fit
   */
  public void encodeTo(ByteBuffer out) {
    int first = VERSION << 6 | (paddingLength > 0 ? 0x20 : 0) | (extension.isPresent() ? 0x10 : 0)
        | csrcs.length;
    out.put((byte) first);
    out.put((byte) ((marker ? 0x80 : 0) | payloadType));
    out.putShort((short) sequence);
    out.putInt((int) timestamp);
    out.putInt((int) ssrc);
    for (long csrc : csrcs) {
      out.putInt((int) csrc);
    }
    if (extension.isPresent()) {
      Extension e = extension.get();
      out.putShort((short) e.profile());
      out.putShort((short) (e.data().length / 4));
      out.put(e.data());
    }
    out.put(payload);
    if (paddingLength > 0) {
      for (int i = 1; i < paddingLength; i++) {
        out.put((byte) 0);
      }
      out.put((byte) paddingLength);
    }
  }

  /** Marker bit M; for audio, the first packet of a talkspurt (RFC 3551 §4.1). */
  public boolean marker() {
    return marker;
  }

  /** Payload type PT, 0-127. */
  public int payloadType() {
    return payloadType;
  }

  /** Sequence number, 0-65535. */
  public int sequence() {
    return sequence;
  }

  /** Timestamp, 0 to 2^32 - 1, in units of the payload's clock rate. */
  public long timestamp() {
    return timestamp;
  }

  /** Synchronization source, 0 to 2^32 - 1. */
  public long ssrc() {
    return ssrc;
  }

  /** Contributing sources, at most 15. */
  public List<Long> csrcs() {
    return Arrays.stream(csrcs).boxed().toList();
  }

  /** The header extension (X bit) if present. */
  public Optional<Extension> extension() {
    return extension;
  }

  /** Padding octets after the payload, the last counting them all; 0 when P is clear. */
  public int paddingLength() {
    return paddingLength;
  }

  /** A copy of the payload (without padding). */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload as a read-only buffer, without copying. */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** Payload octets (without padding). */
  public int payloadLength() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
        && sequence == p.sequence && timestamp == p.timestamp && ssrc == p.ssrc
        && Arrays.equals(csrcs, p.csrcs) && extension.equals(p.extension)
        && paddingLength == p.paddingLength && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(marker, payloadType, sequence, timestamp, ssrc, Arrays.hashCode(csrcs),
        extension, paddingLength, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "RtpPacket[pt=" + payloadType + (marker ? " M" : "") + " seq=" + sequence + " ts="
        + timestamp + " ssrc=" + Long.toHexString(ssrc) + " csrcs=" + csrcs.length
        + extension.map(e -> " ext=" + e.data().length).orElse("") + " payload=" + payload.length
        + (paddingLength > 0 ? " pad=" + paddingLength : "") + "]";
  }

  /**
   * A header extension (RFC 3550 §5.3.1): 16 profile-defined bits and data in whole 32-bit
   * words.
   */
  public record Extension(int profile, byte[] data) {
    public Extension {
      if (profile < 0 || profile > 0xFFFF) {
        throw new IllegalArgumentException("extension profile field must fit 16 bits");
      }
      if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
        throw new IllegalArgumentException("extension data must be whole 32-bit words, at most 65535");
      }
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Extension e && profile == e.profile && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
      return 31 * profile + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Extension[profile=" + profile + ", words=" + data.length / 4 + "]";
    }
  }

  /** Builds an {@link RtpPacket}; every setter checks its range. */
  public static final class Builder {
    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private long[] csrcs = new long[0];
    private Optional<Extension> extension = Optional.empty();
    private int paddingLength;
    private byte[] payload = new byte[0];

    private Builder() {}

    public Builder marker(boolean marker) {
      this.marker = marker;
      return this;
    }

    /** 0-127, except 72-76 which collide with RTCP (RFC 5761 §4). */
    public Builder payloadType(int payloadType) {
      if (payloadType < 0 || payloadType > 127 || isRtcpConflict(payloadType)) {
        throw new IllegalArgumentException("payload type " + payloadType + " not in 0-127 or is 72-76");
      }
      this.payloadType = payloadType;
      return this;
    }

    public Builder sequence(int sequence) {
      if (sequence < 0 || sequence > 0xFFFF) {
        throw new IllegalArgumentException("sequence number " + sequence + " not in 0-65535");
      }
      this.sequence = sequence;
      return this;
    }

    public Builder timestamp(long timestamp) {
      this.timestamp = checkUnsigned32(timestamp, "timestamp");
      return this;
    }

    public Builder ssrc(long ssrc) {
      this.ssrc = checkUnsigned32(ssrc, "SSRC");
      return this;
    }

    public Builder csrcs(List<Long> csrcs) {
      if (csrcs.size() > MAX_CSRC) {
        throw new IllegalArgumentException("at most 15 CSRC identifiers");
      }
      long[] copy = new long[csrcs.size()];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = checkUnsigned32(csrcs.get(i), "CSRC");
      }
      this.csrcs = copy;
      return this;
    }

    public Builder extension(Optional<Extension> extension) {
      this.extension = Objects.requireNonNull(extension, "extension");
      return this;
    }

    /** Padding octets to append, 0 (no P bit) to 255. */
    public Builder padding(int paddingLength) {
      if (paddingLength < 0 || paddingLength > 255) {
        throw new IllegalArgumentException("padding length " + paddingLength + " not in 0-255");
      }
      this.paddingLength = paddingLength;
      return this;
    }

    public Builder payload(byte[] payload) {
      this.payload = payload.clone();
      return this;
    }

    public RtpPacket build() {
      return new RtpPacket(this);
    }

    private static long checkUnsigned32(long value, String what) {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(what + " " + value + " does not fit 32 unsigned bits");
      }
      return value;
    }
  }
}
