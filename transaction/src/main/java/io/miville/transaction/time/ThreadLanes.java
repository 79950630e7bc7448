package io.miville.transaction.time;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link LaneRuntime}: each lane is one platform thread that takes tasks from its
 * queue and fires its own timers (a {@link TimerQueue} heap read between tasks), so a
 * transaction's timers run on the same thread as its messages, with no lock and no timer thread.
 *
 * <p>The queue itself is unbounded: the transaction layer bounds what enters it from the network
 * (see docs/concurrency.md), and the rest (send completions, TU posts, results of blocking work)
 * is bounded by the transactions in progress.
 */
public final class ThreadLanes implements LaneRuntime {
  private static final System.Logger LOG = System.getLogger(ThreadLanes.class.getName());

  private final Ticker ticker;
  private final List<ThreadLane> lanes = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private ThreadLanes(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** Lanes on {@link System#nanoTime()}. */
  public static ThreadLanes create() {
    return new ThreadLanes(Ticker.system());
  }

  /** Lanes on another monotonic clock (it must advance by itself: lanes sleep until deadlines). */
  public static ThreadLanes create(Ticker ticker) {
    return new ThreadLanes(ticker);
  }

  @Override
  public Lane newLane(String name) {
    if (closed) {
      throw new IllegalStateException("runtime closed");
    }
    ThreadLane lane = new ThreadLane(name);
    lanes.add(lane);
    lane.thread.start();
    return lane;
  }

  @Override
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public void close() {
    closed = true;
    for (ThreadLane lane : lanes) {
      lane.stop();
    }
    for (ThreadLane lane : lanes) {
      try {
        lane.thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final class ThreadLane implements Lane, Runnable {
    private final String name;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final TimerQueue timers = new TimerQueue(); // touched by the lane thread only
    private final Thread thread;
    private volatile boolean running = true;

    ThreadLane(String name) {
      this.name = name;
      this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void execute(Runnable task) {
      queue.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public int depth() {
      return queue.size();
    }

    @Override
    public boolean inLane() {
      return Thread.currentThread() == thread;
    }

    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
      if (!inLane()) {
        throw new IllegalStateException("timers are scheduled from their lane: " + name);
      }
      return timers.add(ticker.nanos() + Math.max(0, delayNanos), task, this);
    }

    @Override
    public Ticker ticker() {
      return ticker;
    }

    void stop() {
      running = false;
      thread.interrupt();
    }

    @Override
    public void run() {
      while (running) {
        long now = ticker.nanos();
        TimerQueue.Entry due;
        while ((due = timers.peek()) != null && due.deadline - now <= 0) {
          timers.poll();
          runSafely(due.task);
        }
        Runnable task;
        try {
          TimerQueue.Entry next = timers.peek();
          if (next == null) {
            task = queue.take();
          } else {
            long wait = next.deadline - ticker.nanos();
            task = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
          }
        } catch (InterruptedException e) {
          if (!running) {
            break;
          }
          continue;
        }
        if (task != null) {
          runSafely(task);
          // drain a batch before looking at the clock again, to keep the per-task cost low
          for (int i = 0; i < 64 && (task = queue.poll()) != null; i++) {
            runSafely(task);
          }
        }
      }
      queue.clear();
      timers.clear();
    }

    private void runSafely(Runnable task) {
      try {
        task.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        // a failing task must not kill the lane that owns thousands of transactions
        LOG.log(System.Logger.Level.ERROR, "task failed on lane " + name, e);
      }
    }
  }
}
