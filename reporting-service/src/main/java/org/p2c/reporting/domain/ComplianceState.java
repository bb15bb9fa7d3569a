package org.p2c.reporting.domain;

/** Where a validated pledge stands with its reporting on a given day. */
public enum ComplianceState {
    /** The next report is due more than the due-soon window (30 days) away. */
    UP_TO_DATE,
    /** The next report is due within the due-soon window, the due date included. */
    DUE,
    /** The due date has passed without a report. */
    OVERDUE
}
