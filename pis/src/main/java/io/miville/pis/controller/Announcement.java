package io.miville.pis.controller;

import java.time.Instant;

/**
 * Something a proxy says on its own, with no request to answer: the advanced proxy's
 * {@code 200 WOOSH} after it flushed by itself (draft-pis-00 §2.3: "simply issue a 200 WOOSH on
 * their own without an explicit FLUSH request"). Delivered to {@link PisListener#onAnnouncement};
 * the state change that goes with it reaches {@link PisListener#onClusterChanged} as usual.
 *
 * @param clusterId the cluster
 * @param proxy     the proxy address, {@code user@host}
 * @param status    the PIS status code announced ({@code 200})
 * @param reason    its phrase ({@code WOOSH})
 * @param at        when, wall-clock
 */
public record Announcement(String clusterId, String proxy, int status, String reason, Instant at) {}
