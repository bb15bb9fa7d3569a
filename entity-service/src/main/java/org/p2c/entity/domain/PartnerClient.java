package org.p2c.entity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** An OIDC client (client-credentials grant) bound to one entity: its tokens act for that entity only. */
@Entity
@Table(name = "partner_client")
public class PartnerClient extends PanacheEntityBase {

    /** One client, one entity: the primary key makes a second binding impossible. */
    @Id
    @Column(name = "client_id")
    public String clientId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "entity_id")
    public PledgerEntity entity;

    @Column(name = "bound_at", nullable = false)
    public Instant boundAt;

    @Column(name = "bound_by", nullable = false)
    public String boundBy;
}
