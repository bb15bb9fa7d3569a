package org.p2c.pledge.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A P2C target of the catalogue, with its stable code; the Secretariat may add targets. */
@Entity
@Table(name = "p2c_target")
public class P2cTarget extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "focus_area", nullable = false)
    public String focusArea;

    @Column(name = "target_year", nullable = false)
    public int targetYear;

    @Column(nullable = false)
    public String description;

    /** CATALOGUE for the versioned catalogue's own targets, SECRETARIAT for the ones added since. */
    @Column(nullable = false)
    public String source;

    @Column(name = "added_by", nullable = false)
    public String addedBy;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;
}
