package org.p2c.pledge.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of a pledge's append-only history (the table refuses updates and deletes). */
@Entity
@Table(name = "pledge_history")
public class PledgeHistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "pledge_id", nullable = false)
    public UUID pledgeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PledgeAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public PledgeStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public PledgeStatus toStatus;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public Instant at;

    public String comment;

    public static void record(Pledge pledge, PledgeAction action, PledgeStatus from, String actor, String comment) {
        record(pledge.id, action, from, pledge.status, actor, pledge.updatedAt, comment);
    }

    /** A line with its own time: legacy import writes the historical dates. */
    public static void record(UUID pledgeId, PledgeAction action, PledgeStatus from, PledgeStatus to, String actor,
                              Instant at, String comment) {
        PledgeHistoryEntry entry = new PledgeHistoryEntry();
        entry.pledgeId = pledgeId;
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = to;
        entry.actor = actor;
        entry.at = at;
        entry.comment = comment;
        entry.persist();
    }
}
