package org.p2c.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.p2c.notification.domain.MailKind;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The mails owed, one row each in table {@code mail}, written in the caller's transaction. A row already there for
 * the same (change, recipient, kind) is left as it is: writing a mail down twice owes it once.
 */
@ApplicationScoped
public class MailLedger {

    private final EntityManager em;
    private final Clock clock;

    public MailLedger(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** @return how many of these mails were not owed before */
    public int owe(String changeKey, Collection<String> recipients, MailKind kind, Map<String, Object> params) {
        String json = io.vertx.core.json.Json.encode(params);
        Instant now = clock.instant();
        int added = 0;
        for (String recipient : recipients) {
            added += em.createNativeQuery("""
                            insert into mail (event_id, recipient, kind, category, params, next_try_at, created_at)
                            values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?6)
                            on conflict on constraint mail_once do nothing""")
                    .setParameter(1, changeKey).setParameter(2, recipient).setParameter(3, kind.name())
                    .setParameter(4, kind.category().name()).setParameter(5, json).setParameter(6, now)
                    .executeUpdate();
        }
        return added;
    }
}
