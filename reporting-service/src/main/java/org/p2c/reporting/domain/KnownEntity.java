package org.p2c.reporting.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.p2c.support.entityview.EntityView;

/**
 * A pledger entity as reporting-service knows it from {@code p2c.entities.v1}: who acts for it (its active members,
 * its partner clients) and its stakeholder type (a filter of the compliance list).
 */
@Entity
@Table(name = "known_entity")
public class KnownEntity extends EntityView {
}
