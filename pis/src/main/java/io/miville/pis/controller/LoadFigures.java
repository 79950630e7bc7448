package io.miville.pis.controller;

import io.miville.codec.pis.ProxyType;

/**
 * Load of one proxy type in one cluster, smoothed by exponentially weighted moving averages:
 * the figures the draft's "loading and typical servicing times" (Appendix 1) asks for.
 *
 * @param type                 the proxy type
 * @param meanOccupancySeconds EWMA of session length (INVITE to BYE)
 * @param arrivalsPerMinute    EWMA of SEEK arrivals
 * @param utilisation          share of capacity in use, EWMA, 0..1
 * @param queueLength          user agents waiting now
 * @param expectedWaitSeconds  expected wait for a newcomer at the back of the queue
 */
public record LoadFigures(ProxyType type, double meanOccupancySeconds, double arrivalsPerMinute, double utilisation,
    int queueLength, double expectedWaitSeconds) {}
