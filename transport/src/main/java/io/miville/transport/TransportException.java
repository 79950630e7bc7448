package io.miville.transport;

/**
 * A transport could not do what was asked: bind a listen point, open or use a connection, or
 * write a message. Unchecked, like every error of the stack; send failures arrive as the
 * failure of the returned stage.
 */
public final class TransportException extends RuntimeException {
  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
