package org.p2c.analytics.domain;

/** The ITU regions, as pledges name them; each is a scope of the figures beside the WORLD. */
public enum ItuRegion {
    AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, CIS, EUROPE
}
