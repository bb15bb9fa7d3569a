package org.p2c.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/**
 * A mail owed to one person because of one event: written with the event's processed-log entry, sent later by the
 * relay. Its key (event, recipient, kind) is unique, so an event taken in twice owes nothing more.
 */
@Entity
@Table(name = "mail")
public class OwedMail extends PanacheEntityBase {

    public enum Status { PENDING, SENT, UNDELIVERABLE, SKIPPED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** The person's OIDC subject (their Keycloak user id); the address is read only when the mail goes out. */
    @Column(nullable = false)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MailKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MailKind.Category category;

    /** What the template fills in (a pledge's title and link, the Secretariat's comment), by name. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> params;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.PENDING;

    @Column(nullable = false)
    public int tries;

    @Column(name = "next_try_at", nullable = false)
    public Instant nextTryAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
