package org.p2c.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.notification.domain.NotificationSettings;
import org.p2c.notification.domain.OwedMail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends the mails owed ({@link MailLedger}), each in a transaction of its own that holds its row: the row is marked
 * SENT in the transaction that sent it, so a mail is sent once; a failed send stays PENDING and is tried again later
 * (2^n x initial-delay, up to max-delay), with its last error on the row and in the log, never dropped. Rows are taken
 * with {@code skip locked}, so several replicas share the work without sending a mail twice.
 *
 * <p>The one gap: the relay accepted a mail and the commit that marks it failed. Then it goes again (at least once,
 * as with every relay); the ledger's key still keeps a redelivered event from owing it anew.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);

    private final Mailer mailer;
    private final MailComposer composer;
    private final People people;
    private final EntityManager em;
    private final Clock clock;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final int batch;
    private volatile boolean stopping;

    public MailRelay(Mailer mailer, MailComposer composer, People people, EntityManager em, Clock clock,
                     @ConfigProperty(name = "p2c.notifications.relay.initial-delay") Duration initialDelay,
                     @ConfigProperty(name = "p2c.notifications.relay.max-delay") Duration maxDelay,
                     @ConfigProperty(name = "p2c.notifications.relay.batch") int batch) {
        this.mailer = mailer;
        this.composer = composer;
        this.people = people;
        this.em = em;
        this.clock = clock;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.batch = batch;
    }

    @Scheduled(every = "${p2c.notifications.relay.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1S")
    void relay() {
        if (stopping) {
            return;
        }
        for (int i = 0; i < batch; i++) {
            if (!sendNext()) {
                return;
            }
        }
    }

    /** The service stops: no new send starts; a mail not marked yet stays PENDING for the next start. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** @return false when no mail is due */
    public boolean sendNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> due = em.createNativeQuery("""
                            select id from mail where status = 'PENDING' and next_try_at <= ?1
                            order by id limit 1 for update skip locked""")
                    .setParameter(1, clock.instant()).getResultList();
            if (due.isEmpty()) {
                return false;
            }
            send(em.find(OwedMail.class, ((Number) due.get(0)).longValue()));
            return true;
        });
    }

    private void send(OwedMail mail) {
        try {
            if (!NotificationSettings.of(mail.recipient).allows(mail.category)) {
                mail.status = OwedMail.Status.SKIPPED;
                mail.lastError = "turned off by the recipient: " + mail.category;
                return;
            }
            Optional<Person> found = people.find(mail.recipient);
            if (found.isEmpty() || found.get().email() == null || found.get().email().isBlank()) {
                mail.status = OwedMail.Status.UNDELIVERABLE;
                mail.lastError = found.isEmpty() ? "no such account" : "the account has no e-mail address";
                LOG.warnf("mail %d (%s) to %s cannot be delivered: %s", mail.id, mail.kind, mail.recipient,
                        mail.lastError);
                return;
            }
            Person person = found.get();
            MailComposer.Composed composed = composer.compose(mail.kind, person, mail.params);
            mailer.send(Mail.withText(person.email(), composed.subject(), composed.text())
                    .setHtml(composed.html())
                    .addHeader("List-Unsubscribe", "<" + composed.unsubscribeUrl() + ">")
                    .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                    .addHeader("X-P2C-Mail-Kind", mail.kind.name()));
            mail.status = OwedMail.Status.SENT;
            mail.sentAt = clock.instant();
            mail.tries++;
            mail.lastError = null;
        } catch (RuntimeException failure) {
            mail.tries++;
            Duration wait = backoff(mail.tries);
            mail.nextTryAt = clock.instant().plus(wait);
            mail.lastError = String.valueOf(failure.getMessage());
            LOG.warnf("mail %d (%s) to %s failed (try %d), trying again in %s: %s", mail.id, mail.kind,
                    mail.recipient, mail.tries, wait, failure.getMessage());
        }
    }

    private Duration backoff(int tries) {
        Duration wait = initialDelay.multipliedBy(1L << Math.min(tries - 1, 20));
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }

}
