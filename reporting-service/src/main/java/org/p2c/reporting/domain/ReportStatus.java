package org.p2c.reporting.domain;

/** DRAFT (editable) → SUBMITTED (immutable) → SUPERSEDED (by a correction that was submitted). */
public enum ReportStatus {
    DRAFT,
    SUBMITTED,
    SUPERSEDED
}
