package org.p2c.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.p2c.notification.domain.MailKind;
import org.p2c.notification.domain.NotificationSettings;

import java.time.Clock;

/** What a person chose to receive: read and changed by the settings endpoint and by the unsubscribe links. */
@ApplicationScoped
public class SettingsBook {

    /** The choice of one person, each category on or off. */
    public record Choice(boolean updates, boolean reminders, boolean digest) {
    }

    private final Clock clock;

    public SettingsBook(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public Choice of(String subject) {
        NotificationSettings s = NotificationSettings.of(subject);
        return new Choice(s.updates, s.reminders, s.digest);
    }

    @Transactional
    public Choice choose(String subject, Choice choice) {
        NotificationSettings s = NotificationSettings.of(subject);
        s.updates = choice.updates();
        s.reminders = choice.reminders();
        s.digest = choice.digest();
        return save(s);
    }

    /** The unsubscribe link: one category off, the others as they were. */
    @Transactional
    public Choice turnOff(String subject, MailKind.Category category) {
        NotificationSettings s = NotificationSettings.of(subject);
        s.turn(category, false);
        return save(s);
    }

    private Choice save(NotificationSettings s) {
        s.updatedAt = clock.instant();
        if (!s.isPersistent()) {
            s.persist();
        }
        return new Choice(s.updates, s.reminders, s.digest);
    }
}
