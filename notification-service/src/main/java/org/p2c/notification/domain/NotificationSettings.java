package org.p2c.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What one person turned off. No row means everything is on. */
@Entity
@Table(name = "notification_settings")
public class NotificationSettings extends PanacheEntityBase {

    @Id
    public String subject;

    @Column(nullable = false)
    public boolean updates = true;

    @Column(nullable = false)
    public boolean reminders = true;

    @Column(nullable = false)
    public boolean digest = true;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static NotificationSettings of(String subject) {
        NotificationSettings settings = findById(subject);
        if (settings == null) {
            settings = new NotificationSettings();
            settings.subject = subject;
        }
        return settings;
    }

    public boolean allows(MailKind.Category category) {
        return switch (category) {
            case UPDATES -> updates;
            case REMINDERS -> reminders;
            case DIGEST -> digest;
        };
    }

    public void turn(MailKind.Category category, boolean on) {
        switch (category) {
            case UPDATES -> updates = on;
            case REMINDERS -> reminders = on;
            case DIGEST -> digest = on;
        }
    }
}
