package org.p2c.reporting.domain;

/** What held the pledge back (the deck's "extended deadlines due to natural disasters"). */
public enum ChallengeCategory {
    NATURAL_DISASTERS,
    ADMINISTRATIVE,
    FINANCIAL,
    TECHNICAL,
    REGULATORY,
    SECURITY,
    OTHER
}
