package io.miville.pis.controller;

import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.ProxyType;
import java.util.List;
import java.util.Set;

/**
 * The live state of one proxy at one instant, as NOTIFY and the operator see it.
 *
 * @param address     {@code user@host}
 * @param type        its Type
 * @param condition   its condition
 * @param occupants   sessions in progress
 * @param capacity    sessions it can hold
 * @param info        the Info flags that hold now (Resources-low, No-Paper, Malodor, ...)
 * @param methanePpm  methane level reported by its sensor, parts per million
 * @param indicators  airplane indicators lit (Return-to-Seat, No-Smoking, Attendant-Call)
 */
public record ProxySnapshot(String address, ProxyType type, ProxyCondition condition, int occupants, int capacity,
    List<InfoItem> info, double methanePpm, Set<String> indicators) {
  public ProxySnapshot {
    info = List.copyOf(info);
    indicators = Set.copyOf(indicators);
  }
}
