package org.p2c.entity.domain;

/** PENDING_VERIFICATION → VERIFIED or REJECTED; VERIFIED ↔ SUSPENDED. */
public enum EntityStatus {
    PENDING_VERIFICATION,
    VERIFIED,
    REJECTED,
    SUSPENDED
}
