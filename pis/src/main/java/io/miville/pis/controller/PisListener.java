package io.miville.pis.controller;

/**
 * Hears a controller's changes. Called on the controller's lane: return quickly and never block
 * (hand the work to another lane).
 */
public interface PisListener {

  /** A cluster changed (a proxy's condition, occupancy, flags, or the queue). */
  default void onClusterChanged(ClusterSnapshot snapshot) {}

  /** Maintenance must act. */
  default void onMaintenance(MaintenanceEvent event) {}

  /** A proxy announced something by itself (an advanced proxy's {@code 200 WOOSH}). */
  default void onAnnouncement(Announcement announcement) {}
}
