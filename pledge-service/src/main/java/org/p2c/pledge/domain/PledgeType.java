package org.p2c.pledge.domain;

/** The kinds of commitment a pledge makes (definitions in the P2C deck). */
public enum PledgeType {
    FINANCIAL,
    POLICY,
    ADVOCACY,
    PROGRAMMATIC
}
