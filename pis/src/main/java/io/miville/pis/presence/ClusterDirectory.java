package io.miville.pis.presence;

import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.PisController;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the presence service finds the cluster a SUBSCRIBE names and its current state. Answers
 * asynchronously, on any thread, so that a controller confined to its own lane can be asked there.
 */
public interface ClusterDirectory {

  /**
   * The cluster whose controller lives at {@code host} (the Request-URI host) and its current
   * state, or empty if there is none; {@code then} runs once, on any thread.
   */
  void lookup(String host, Consumer<Optional<ClusterSnapshot>> then);

  /** The current state of cluster {@code clusterId}, or empty if it is gone; {@code then} runs once. */
  void snapshot(String clusterId, Consumer<Optional<ClusterSnapshot>> then);

  /**
   * A directory over a live controller: each question runs on {@code controllerLane} (the lane
   * the controller is confined to), the answer is handed to {@code then} from there.
   */
  static ClusterDirectory of(PisController controller, Executor controllerLane) {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(controllerLane, "controllerLane");
    return new ClusterDirectory() {
      @Override
      public void lookup(String host, Consumer<Optional<ClusterSnapshot>> then) {
        controllerLane.execute(() -> then.accept(ask(() -> controller.clusterAt(host).flatMap(controller::snapshot))));
      }

      @Override
      public void snapshot(String clusterId, Consumer<Optional<ClusterSnapshot>> then) {
        controllerLane.execute(() -> then.accept(ask(() -> controller.snapshot(clusterId))));
      }
    };
  }

  /** The answer, or empty if asking failed: a SUBSCRIBE is then answered 404 rather than never. */
  private static Optional<ClusterSnapshot> ask(java.util.function.Supplier<Optional<ClusterSnapshot>> question) {
    try {
      return question.get();
    } catch (RuntimeException e) {
      System.getLogger(ClusterDirectory.class.getName()).log(System.Logger.Level.WARNING, "cluster lookup failed", e);
      return Optional.empty();
    }
  }

  /**
   * A directory over two functions, answered at once on the caller's thread (tests, or a source
   * that is thread-safe).
   *
   * @param clusterAt host to cluster id
   * @param snapshot  cluster id to its current state
   */
  static ClusterDirectory of(Function<String, Optional<String>> clusterAt,
      Function<String, Optional<ClusterSnapshot>> snapshot) {
    Objects.requireNonNull(clusterAt, "clusterAt");
    Objects.requireNonNull(snapshot, "snapshot");
    return new ClusterDirectory() {
      @Override
      public void lookup(String host, Consumer<Optional<ClusterSnapshot>> then) {
        then.accept(clusterAt.apply(host).flatMap(snapshot));
      }

      @Override
      public void snapshot(String clusterId, Consumer<Optional<ClusterSnapshot>> then) {
        then.accept(snapshot.apply(clusterId));
      }
    };
  }
}
