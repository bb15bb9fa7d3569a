package org.p2c.pledge.domain;

/** Who a pledge is for. */
public enum BeneficiaryGroup {
    WOMEN_AND_GIRLS,
    YOUTH,
    CHILDREN,
    OLDER_PERSONS,
    PERSONS_WITH_DISABILITIES,
    SMES,
    RURAL_AND_REMOTE_COMMUNITIES,
    INDIGENOUS_PEOPLES,
    REFUGEES_AND_DISPLACED_PERSONS,
    STUDENTS,
    OTHER
}
