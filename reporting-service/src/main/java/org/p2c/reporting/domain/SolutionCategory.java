package org.p2c.reporting.domain;

/** How the pledger overcame, or plans to overcome, its challenges. */
public enum SolutionCategory {
    PARTNERSHIPS,
    FUNDING,
    CAPACITY_BUILDING,
    POLICY_CHANGE,
    TECHNOLOGY,
    OTHER
}
