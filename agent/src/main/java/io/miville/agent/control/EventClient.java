package io.miville.agent.control;

import io.miville.agent.api.AgentEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of {@code GET /events}: the bounded queue between the agent's threads, which only
 * ever {@link #offer} (never block), and the virtual thread that writes the stream.
 *
 * <p>At most {@code capacity} events wait; the one after is not queued and the client is marked
 * dropped instead, because a gap in the stream would mislead it. Control markers (stop, dropped)
 * go around the bound so that they always get through.
 */
final class EventClient {
  /** What the writer takes next. */
  sealed interface Item {}

  record Event(AgentEvent event) implements Item {}

  /** The server is closing: write what is queued before this, then end the stream. */
  record Stop() implements Item {}

  /** The client fell behind: end the stream at once. */
  record Dropped() implements Item {}

  private final LinkedBlockingDeque<Item> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final int capacity;
  private final long dropGraceMillis;
  private final Thread writer;
  private volatile boolean finished;

  /**
   * A client whose stream is written by the current thread.
   *
   * @param capacity how many events may wait for the writer
   * @param dropGraceMillis how long a dropped client's writer may take to end the stream by
   *     itself before its connection is cut
   */
  EventClient(int capacity, long dropGraceMillis) {
    this.capacity = capacity;
    this.dropGraceMillis = dropGraceMillis;
    this.writer = Thread.currentThread();
  }

  /** Called by the agent: queues the event, or drops the client if it is too far behind. */
  void offer(AgentEvent event) {
    if (dropped.get()) {
      return;
    }
    if (waiting.incrementAndGet() > capacity) {
      drop();
      return;
    }
    queue.offerLast(new Event(event));
  }

  /** Ends the stream after the events already queued. */
  void stop() {
    queue.offerLast(new Stop());
  }

  /** Ends the stream before anything else queued; returns false if it was already dropped. */
  boolean drop() {
    if (!dropped.compareAndSet(false, true)) {
      return false;
    }
    queue.clear();
    queue.offerFirst(new Dropped());
    // a writer blocked on a client that does not read never sees the marker: cut it after a grace
    CompletableFuture.delayedExecutor(dropGraceMillis, TimeUnit.MILLISECONDS, Runnable::run)
        .execute(this::interruptIfStillWriting);
    return true;
  }

  boolean isDropped() {
    return dropped.get();
  }

  /** The next item, or null if nothing came within the timeout (time for a keep-alive). */
  Item next(long timeout, TimeUnit unit) throws InterruptedException {
    Item item = queue.pollFirst(timeout, unit);
    if (item instanceof Event) {
      waiting.decrementAndGet();
    }
    return item;
  }

  /**
   * Breaks a writer stuck on a client that does not read: interrupting a thread blocked on a
   * socket channel closes the channel (java.nio.channels.InterruptibleChannel), which is the
   * only way to end a response the JDK server is still writing.
   */
  void interruptIfStillWriting() {
    if (!finished) {
      writer.interrupt();
    }
  }

  void finished() {
    finished = true;
  }

  boolean isFinished() {
    return finished;
  }
}
