package org.p2c.entity.domain.reference;

/** A country or territory of the catalogue: ISO 3166-1 codes, UN M49 and ITU regions, and the UN group flags. */
public record Country(
        String alpha3,
        String alpha2,
        String numeric,
        String name,
        String m49Region,
        String m49SubRegion,
        ItuRegion ituRegion,
        boolean ituMember,
        boolean ldc,
        boolean lldc,
        boolean sids) {
}
