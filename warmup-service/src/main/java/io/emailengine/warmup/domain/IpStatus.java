package io.emailengine.warmup.domain;

/** Inventory status of a sending IP. */
public enum IpStatus {
    ACTIVE, RETIRED
}
