package org.p2c.notification.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.notification.domain.EntityMember;
import org.p2c.notification.domain.KnownEntity;
import org.p2c.notification.domain.MailKind;
import org.p2c.support.inbox.EventTypes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each event owes whom. Runs inside the inbox's transaction: it keeps this service's view of the entities and
 * their people, and writes down each mail owed ({@link MailLedger}); the relay sends them after the commit.
 *
 * <p>A mail is keyed by the change it announces, not by the record that carried it: the aggregate, its version and
 * the event type ({@link #changeKey}). So a redelivered record (same event id) and a republished one (a replay, the
 * same change under a new id) owe nothing more.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    /**
     * The report-topic types this service handles: the reminders it mails, and the schedules, taken in without a mail.
     * The report snapshots are not among them: the inbox skips them (acknowledged, not parked).
     */
    public static final EventTypes REPORT_TYPES = EventTypes.REPORTING_SCHEDULES.and(EventTypes.REPORT_REMINDERS);

    /** reporting-service's list of what the signed-in person's entities owe, under the public base URL. */
    static final String TO_DO_PATH = "/api/v1/reports/compliance/to-do";

    private final MailLedger ledger;
    private final EntityManager em;
    private final String pledgePages;
    private final String toDoUrl;

    public Notifications(MailLedger ledger, EntityManager em,
                         @ConfigProperty(name = "p2c.notifications.public-base-url") String publicBaseUrl,
                         @ConfigProperty(name = "p2c.notifications.pledge-path") String pledgePath) {
        this.ledger = ledger;
        this.em = em;
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.toDoUrl = base + TO_DO_PATH;
        this.pledgePages = base + (pledgePath.startsWith("/") ? "" : "/") + (pledgePath.endsWith("/") ? pledgePath : pledgePath + "/");
    }

    public void onEntityEvent(String type, JsonObject entity) {
        UUID id = UUID.fromString(entity.getString("id"));
        long version = entity.getLong("version");
        if (!remember(id, version, entity)) {
            LOG.debugf("entity %s version %d is older than what is known: nothing to mail", id, version);
            return;
        }
        MailKind kind = switch (type) {
            case "p2c.entity.verified.v1" -> MailKind.ENTITY_VERIFIED;
            case "p2c.entity.rejected.v1" -> MailKind.ENTITY_REJECTED;
            case "p2c.entity.suspended.v1" -> MailKind.ENTITY_SUSPENDED;
            default -> null;
        };
        if (kind == null) {
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entityName", entity.getString("name"));
        params.put("entityId", id.toString());
        ledger.owe(changeKey(type, id, version), EntityMember.subjectsOf(id), kind, params);
    }

    public void onPledgeEvent(String type, JsonObject pledge) {
        UUID id = UUID.fromString(pledge.getString("id"));
        long version = pledge.getLong("version");
        UUID pledger = UUID.fromString(pledge.getString("pledgerEntityId"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pledgeId", id.toString());
        params.put("title", pledge.getString("title"));
        params.put("reference", pledge.getString("reference", ""));
        params.put("pledgeUrl", pledgePages + id);
        params.put("comment", pledge.getString("decisionComment", ""));
        switch (type) {
            case "p2c.pledge.validated.v1", "p2c.pledge.revision-validated.v1" ->
                    owePledger(type, id, version, pledger, MailKind.PLEDGE_VALIDATED, params);
            case "p2c.pledge.returned.v1", "p2c.pledge.revision-returned.v1" ->
                    owePledger(type, id, version, pledger, MailKind.PLEDGE_RETURNED, params);
            case "p2c.pledge.rejected.v1", "p2c.pledge.revision-rejected.v1" ->
                    owePledger(type, id, version, pledger, MailKind.PLEDGE_REJECTED, params);
            case "p2c.pledge.collaborator-invited.v1", "p2c.pledge.collaboration-accepted.v1",
                 "p2c.pledge.collaboration-declined.v1" -> collaboration(type, id, version, pledger, pledge, params);
            default -> {
            }
        }
    }

    public void onReportEvent(String type, JsonObject data) {
        MailKind kind = switch (type) {
            case "p2c.report.due-soon.v1" -> MailKind.REPORT_DUE_SOON;
            case "p2c.report.overdue.v1" -> MailKind.REPORT_OVERDUE;
            default -> null; // a schedule alone tells nothing to mail
        };
        if (kind == null) {
            return;
        }
        UUID pledgeId = UUID.fromString(data.getString("pledgeId"));
        UUID pledger = UUID.fromString(data.getString("pledgerEntityId"));
        String dueOn = data.getString("dueOn");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pledgeId", pledgeId.toString());
        params.put("title", java.util.Objects.requireNonNullElse(data.getString("pledgeTitle"), ""));
        params.put("reference", java.util.Objects.requireNonNullElse(data.getString("pledgeReference"), ""));
        params.put("pledgeUrl", pledgePages + pledgeId);
        params.put("todoUrl", toDoUrl);
        params.put("dueOn", dueOn);
        params.put("entityName", known(pledger).name);
        // A reminder announces a due period, not a version: the pledge and its due date name the change.
        ledger.owe(type + "/" + pledgeId + "/" + dueOn, EntityMember.subjectsOf(pledger), kind, params);
    }

    private void collaboration(String type, UUID pledgeId, long version, UUID pledger, JsonObject pledge,
                               Map<String, Object> params) {
        JsonObject collaboration = pledge.getJsonObject("collaboration");
        if (collaboration == null || collaboration.getString("entityId") == null) {
            LOG.warnf("%s of pledge %s version %d names no collaboration (an older producer): nothing to mail", type,
                    pledgeId, version);
            return;
        }
        UUID collaborator = UUID.fromString(collaboration.getString("entityId"));
        params.put("role", collaboration.getString("role", ""));
        params.put("pledgerName", known(pledger).name);
        params.put("collaboratorName", known(collaborator).name);
        String key = changeKey(type, pledgeId, version);
        if (type.equals("p2c.pledge.collaborator-invited.v1")) {
            ledger.owe(key, EntityMember.subjectsOf(collaborator), MailKind.COLLABORATOR_INVITED, params);
        } else {
            MailKind kind = type.equals("p2c.pledge.collaboration-accepted.v1") ? MailKind.COLLABORATION_ACCEPTED
                    : MailKind.COLLABORATION_DECLINED;
            ledger.owe(key, EntityMember.subjectsOf(pledger), kind, params);
        }
    }

    private void owePledger(String type, UUID pledgeId, long version, UUID pledger, MailKind kind,
                            Map<String, Object> params) {
        params.put("entityName", known(pledger).name);
        ledger.owe(changeKey(type, pledgeId, version), EntityMember.subjectsOf(pledger), kind, params);
    }

    /**
     * The entity a pledge names, as p2c.entities.v1 told of it. Not known yet: the entity topic is behind; failing
     * here has the inbox try the pledge event again (the order of the two topics is not guaranteed), never drop it.
     */
    private KnownEntity known(UUID entityId) {
        KnownEntity entity = KnownEntity.findById(entityId);
        if (entity == null) {
            throw new IllegalStateException("entity " + entityId + " is not known yet (p2c.entities.v1 is behind)");
        }
        return entity;
    }

    /** Keeps the entity's name and people if this version is newer; false if it is older than what is known. */
    private boolean remember(UUID id, long version, JsonObject entity) {
        KnownEntity known = KnownEntity.findById(id);
        if (known != null && known.version > version) {
            return false;
        }
        if (known == null) {
            known = new KnownEntity();
            known.id = id;
            known.version = version;
            known.name = entity.getString("name");
            known.status = entity.getString("status");
            known.persist();
        } else {
            known.version = version;
            known.name = entity.getString("name");
            known.status = entity.getString("status");
        }
        EntityMember.delete("entityId", id);
        em.flush();
        JsonArray members = entity.getJsonArray("members", new JsonArray());
        for (int i = 0; i < members.size(); i++) {
            JsonObject m = members.getJsonObject(i);
            EntityMember member = new EntityMember();
            member.entityId = id;
            member.subject = m.getString("subject");
            member.role = m.getString("role");
            member.persist();
        }
        return true;
    }

    /** The change an event announces: what a mail is owed for, however often its record comes. */
    static String changeKey(String type, UUID aggregate, long version) {
        return type + "/" + aggregate + "/" + version;
    }
}
