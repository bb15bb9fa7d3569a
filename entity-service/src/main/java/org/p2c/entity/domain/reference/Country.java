package org.p2c.entity.domain.reference;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A country or territory of the catalogue: ISO 3166-1 codes, UN M49 and ITU regions, and the UN group flags. */
@Schema(name = "Country", example = """
        {"alpha3": "KHM", "alpha2": "KH", "numeric": "116", "name": "Cambodia", "m49Region": "Asia",
         "m49SubRegion": "South-eastern Asia", "ituRegion": "ASIA_PACIFIC", "ituMember": true, "ldc": true,
         "lldc": false, "sids": false}""")
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
