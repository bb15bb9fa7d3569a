package org.p2c.pledge.domain;

import io.vertx.core.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.p2c.support.entityview.EntityView;

import java.time.Instant;

/**
 * A pledger entity as pledge-service knows it from {@code p2c.entities.v1}: who may act for it, and whether its
 * pledges may be validated (its status).
 */
@Entity
@Table(name = "known_entity")
public class KnownEntity extends EntityView {

    @Column(name = "verified_at")
    public Instant verifiedAt;

    public boolean isVerified() {
        return "VERIFIED".equals(status);
    }

    @Override
    protected void take(JsonObject data) {
        String verified = data.getString("verifiedAt");
        verifiedAt = verified == null ? null : Instant.parse(verified);
    }
}
