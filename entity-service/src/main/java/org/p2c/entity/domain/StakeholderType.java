package org.p2c.entity.domain;

/** Who can make a pledge: the coalition's stakeholder groups. */
public enum StakeholderType {
    /** Including local governments, municipalities and regulators. */
    GOVERNMENT,
    /** Including philanthropic organisations. */
    PRIVATE_SECTOR,
    UN_AGENCY,
    /** Including multilateral development banks. */
    INTERNATIONAL_OR_REGIONAL_ORGANIZATION,
    CIVIL_SOCIETY_ACADEMIA_RESEARCH,
    YOUTH_MEDIA_ENTERTAINMENT,
    OTHER
}
