package org.p2c.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A pledger entity as p2c.entities.v1 last told of it: enough to name it in a mail and find its people. */
@Entity
@Table(name = "known_entity")
public class KnownEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String status;
}
