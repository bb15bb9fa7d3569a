package org.p2c.entity.domain;

/** A person's role in an entity: the focal point also manages the members and the partner systems. */
public enum MemberRole {
    FOCAL_POINT,
    MEMBER
}
