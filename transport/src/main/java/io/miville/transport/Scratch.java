package io.miville.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * A byte array per I/O thread to copy direct buffers into before parsing. Safe because the
 * parser and the stream decoder never keep a reference to the array they are given, and a
 * thread reads one buffer at a time.
 */
final class Scratch {
  private Scratch() {}

  static final int SIZE = 64 * 1024;

  private static final FastThreadLocal<byte[]> ARRAY = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[SIZE];
    }
  };

  /** A scratch array of at least {@code n} bytes (a fresh one if larger than the shared one). */
  static byte[] array(int n) {
    return n <= SIZE ? ARRAY.get() : new byte[n];
  }

  /** Bytes of {@code buf} readable as an array: its own backing array, or a copy. */
  static Slice readable(ByteBuf buf) {
    int n = buf.readableBytes();
    if (buf.hasArray()) {
      return new Slice(buf.array(), buf.arrayOffset() + buf.readerIndex(), n);
    }
    byte[] a = array(n);
    buf.getBytes(buf.readerIndex(), a, 0, n);
    return new Slice(a, 0, n);
  }

  /** A range of an array. */
  record Slice(byte[] array, int offset, int length) {}
}
