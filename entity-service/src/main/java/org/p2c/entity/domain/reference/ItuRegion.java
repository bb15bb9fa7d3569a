package org.p2c.entity.domain.reference;

/** The six regions of ITU's Development Sector (BDT). */
public enum ItuRegion {
    AFRICA("Africa"),
    AMERICAS("Americas"),
    ARAB_STATES("Arab States"),
    ASIA_PACIFIC("Asia and the Pacific"),
    CIS("Commonwealth of Independent States"),
    EUROPE("Europe");

    private final String displayName;

    ItuRegion(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
