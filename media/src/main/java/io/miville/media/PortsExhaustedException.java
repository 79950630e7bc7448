package io.miville.media;

/**
 * No block of ports is left: every base of the {@link PortAllocator}'s range is held by a
 * Miville stream or busy on the machine. The message says which range and how many of each.
 */
public final class PortsExhaustedException extends RuntimeException {
  public PortsExhaustedException(String message) {
    super(message);
  }
}
