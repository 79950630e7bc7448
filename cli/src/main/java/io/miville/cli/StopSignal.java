package io.miville.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that runs until told ends ({@code serve}, {@code pis serve}, {@code agent}):
 * {@link #stop()} from a test, SIGTERM or SIGINT (a JVM shutdown hook, held from
 * {@link #onShutdown} until {@link #close()}), or a duration running out.
 */
final class StopSignal implements AutoCloseable {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread hook;

  /** Ends {@link #await}; any thread, any time, also before it. */
  void stop() {
    stopped.countDown();
  }

  /** Stops on SIGTERM or SIGINT from now until {@link #close()}; the hook thread is named {@code threadName}. */
  StopSignal onShutdown(String threadName) {
    hook = new Thread(this::stop, threadName);
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  /** Waits for {@link #stop()}, or at most {@code seconds} if given. */
  void await(Double seconds) throws InterruptedException {
    if (seconds != null) {
      stopped.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    } else {
      stopped.await();
    }
  }

  /** Drops the shutdown hook, unless the JVM is already shutting down (then the hook is what stopped us). */
  @Override
  public void close() {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what stopped us
    }
    hook = null;
  }
}
