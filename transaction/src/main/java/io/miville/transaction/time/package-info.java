/**
 * Lanes and injected time: {@link io.miville.transaction.time.Lane} (a single-threaded executor
 * with its own timers), {@link io.miville.transaction.time.ThreadLanes} for production and
 * {@link io.miville.transaction.time.ManualTime} for deterministic tests of this layer and the
 * layers above it.
 */
package io.miville.transaction.time;
