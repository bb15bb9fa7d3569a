package org.p2c.pledge.domain;

/** The six ITU regions a pledge may name. */
public enum ItuRegion {
    AFRICA,
    AMERICAS,
    ARAB_STATES,
    ASIA_PACIFIC,
    CIS,
    EUROPE
}
