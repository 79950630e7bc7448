package io.miville.pis.controller;

import java.time.Instant;

/**
 * Something maintenance must hear about (draft-pis-00 §2.3: "notify the maintenance"): an
 * overflow ({@code 602}), a backup ({@code 666}), a septic reflux ({@code 667}), an explosion
 * ({@code 699}), a clog, water gone. Delivered to {@link PisListener#onMaintenance} and, by the
 * presence service, to subscribers of the {@code pis-maintenance} event package.
 *
 * @param clusterId the cluster
 * @param proxy     the proxy address, {@code user@host}
 * @param condition the proxy's condition now
 * @param status    the PIS status code that reported it
 * @param reason    its reason phrase
 * @param at        when, wall-clock
 */
public record MaintenanceEvent(String clusterId, String proxy, ProxyCondition condition, int status, String reason,
    Instant at) {}
