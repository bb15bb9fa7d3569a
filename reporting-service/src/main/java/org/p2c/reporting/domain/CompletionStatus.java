package org.p2c.reporting.domain;

/** Where the pledge's implementation stands, as the pledger reports it. */
public enum CompletionStatus {
    NOT_STARTED,
    PLANNING_PHASE,
    IN_PROGRESS,
    COMPLETED,
    DISCONTINUED
}
