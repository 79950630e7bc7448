package io.miville.codec.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An immutable table from ASCII names to values, looked up by exact spelling in text being
 * parsed (bytes, a {@link Cursor}, a string) without making a string of the name first. A name
 * is hashed by its length and its first and last characters, which costs the same for any
 * length, and hashes and names sit in flat arrays, so a lookup follows no pointers until the
 * name matches.
 *
 * @param <T> the values
 */
public final class NameTable<T> {
  private final int mask;
  private final int[] hashes; // shape() of the name, 0 for an empty slot
  private final byte[][] names;
  private final Object[] values;

  /** A table of {@code entries}, whose keys must be non-empty ASCII. */
  public NameTable(Map<String, ? extends T> entries) {
    int size = Integer.highestOneBit(Math.max(8, entries.size() * 4 - 1)) * 2;
    mask = size - 1;
    hashes = new int[size];
    names = new byte[size][];
    values = new Object[size];
    entries.forEach((name, value) -> {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty name");
      }
      int h = shape(name.length(), name.charAt(0), name.charAt(name.length() - 1));
      int i = slot(h);
      while (hashes[i] != 0) {
        i = (i + 1) & mask;
      }
      hashes[i] = h;
      names[i] = name.getBytes(StandardCharsets.ISO_8859_1);
      values[i] = value;
    });
  }

  /** Never 0 for a non-empty name. */
  private static int shape(int length, int first, int last) {
    return (first * 31 + last) * 64 + length + 1;
  }

  private int slot(int hash) {
    return (hash ^ (hash >>> 9)) & mask;
  }

  /** The value of the name spelled by chars {@code [start, end)} of the cursor's text, or null. */
  public T get(Cursor text, int start, int end) {
    int len = end - start;
    if (len <= 0) {
      return null;
    }
    int hash = shape(len, text.charAt(start), text.charAt(end - 1));
    for (int i = slot(hash); hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == hash && same(text, start, names[i])) {
        @SuppressWarnings("unchecked")
        T v = (T) values[i];
        return v;
      }
    }
    return null;
  }

  /** The value of the name spelled by the bytes {@code b[start, end)} (ISO-8859-1), or null. */
  public T get(byte[] b, int start, int end) {
    int len = end - start;
    if (len <= 0) {
      return null;
    }
    int hash = shape(len, b[start] & 0xff, b[end - 1] & 0xff);
    for (int i = slot(hash); hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == hash && same(b, start, names[i])) {
        @SuppressWarnings("unchecked")
        T v = (T) values[i];
        return v;
      }
    }
    return null;
  }

  /** The value of the name {@code text[start, end)}, or null. */
  public T get(String text, int start, int end) {
    int len = end - start;
    if (len <= 0) {
      return null;
    }
    int hash = shape(len, text.charAt(start), text.charAt(end - 1));
    for (int i = slot(hash); hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == hash && same(text, start, names[i])) {
        @SuppressWarnings("unchecked")
        T v = (T) values[i];
        return v;
      }
    }
    return null;
  }

  // the shape hash includes the length, so equal hashes mean equal lengths
  private static boolean same(Cursor text, int start, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (text.charAt(start + i) != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(byte[] b, int start, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (b[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(String text, int start, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (text.charAt(start + i) != name[i]) {
        return false;
      }
    }
    return true;
  }
}
