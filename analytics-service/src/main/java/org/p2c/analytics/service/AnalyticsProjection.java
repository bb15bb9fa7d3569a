package org.p2c.analytics.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.p2c.analytics.domain.Deltas;
import org.p2c.analytics.domain.Dim;
import org.p2c.analytics.domain.Interval;
import org.p2c.analytics.domain.PledgeFacts;
import org.p2c.analytics.domain.ReportFacts;
import org.p2c.analytics.domain.ScheduleAnchor;
import org.p2c.analytics.domain.ValidatedContent;
import org.p2c.analytics.messaging.Projection;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The figures' projections, from the three aggregate topics. Each event carries its aggregate's whole state and
 * version: an event not newer than the stored version changes nothing (but for a pledge's validated content, which
 * joins the pledge's timeline of revisions whenever it arrives), and every derived figure is recomputed from the
 * stored states, so the result does not depend on the order in which the topics and versions arrive.
 *
 * <p>A change is applied as a difference: the contribution of the pledge (or the counting intervals of an entity,
 * of a country) before the change is retracted and the one after is added, in {@code daily_total}.
 */
@ApplicationScoped
public class AnalyticsProjection implements Projection {

    /** One projection writer at a time: the three channels touch the same pledges and totals. */
    private static final long WRITER_LOCK = 0x5032_4341_4e41L;

    /** reporting-service's reporting schedule of a pledge, on the reports topic beside the reports. */
    public static final String SCHEDULE_CHANGED = "p2c.report.schedule-changed.v1";

    private final EntityManager em;
    private final String entitiesTopic;
    private final String pledgesTopic;
    private final String reportsTopic;

    public AnalyticsProjection(EntityManager em,
                               @ConfigProperty(name = "p2c.topics.entities") String entitiesTopic,
                               @ConfigProperty(name = "p2c.topics.pledges") String pledgesTopic,
                               @ConfigProperty(name = "p2c.topics.reports") String reportsTopic) {
        this.em = em;
        this.entitiesTopic = entitiesTopic;
        this.pledgesTopic = pledgesTopic;
        this.reportsTopic = reportsTopic;
    }

    @Override
    public void apply(String topic, String type, JsonObject data) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, WRITER_LOCK);
                lock.execute();
            }
            if (topic.equals(entitiesTopic)) {
                entity(c, data);
            } else if (topic.equals(pledgesTopic)) {
                pledge(c, data);
            } else if (topic.equals(reportsTopic) && SCHEDULE_CHANGED.equals(type)) {
                schedule(c, data);
            } else if (topic.equals(reportsTopic)) {
                report(c, data);
            }
            try (PreparedStatement touch = c.prepareStatement(
                    "update projection_state set last_event_at = now(), last_change_at = greatest(last_change_at, ?) where id = 1")) {
                touch.setTimestamp(1, timestamp(data.getString("updatedAt")));
                touch.executeUpdate();
            }
        });
    }

    /** Empties every projection (before a replay of the topics). */
    public void clear() {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, WRITER_LOCK);
                lock.execute();
            }
            try (var s = c.createStatement()) {
                s.execute("truncate a_entity, a_pledge, a_report, a_schedule, a_span, daily_total, monthly_total");
                s.execute("update projection_state set last_event_at = null, last_change_at = null");
            }
        });
    }

    /** Whether the projections' tables changed since they were filled (see V3__…sql): they need a rebuild. */
    public boolean rebuildRequired() {
        return (Boolean) em.createNativeQuery("select rebuild_required from projection_state where id = 1").getSingleResult();
    }

    /** A rebuild went through the topics to their end. */
    public void rebuilt() {
        em.createNativeQuery("update projection_state set rebuild_required = false where id = 1").executeUpdate();
    }

    // --- entities -------------------------------------------------------------------------------------------

    private void entity(Connection c, JsonObject data) throws SQLException {
        UUID id = UUID.fromString(data.getString("id"));
        long version = data.getLong("version");
        String stakeholderType = data.getString("stakeholderType");
        String hq = data.getString("headquartersCountry");
        String oldType = null;
        String oldHq = null;
        try (PreparedStatement q = c.prepareStatement(
                "select version, stakeholder_type, headquarters_country from a_entity where id = ?")) {
            q.setObject(1, id);
            ResultSet rs = q.executeQuery();
            if (rs.next()) {
                if (rs.getLong(1) >= version) {
                    return;
                }
                oldType = rs.getString(2);
                oldHq = rs.getString(3);
            }
        }
        try (PreparedStatement up = c.prepareStatement("""
                insert into a_entity (id, version, stakeholder_type, headquarters_country) values (?, ?, ?, ?)
                on conflict (id) do update set version = excluded.version, stakeholder_type = excluded.stakeholder_type,
                    headquarters_country = excluded.headquarters_country""")) {
            up.setObject(1, id);
            up.setLong(2, version);
            up.setString(3, stakeholderType);
            up.setString(4, hq);
            up.executeUpdate();
        }
        if (!stakeholderType.equals(oldType)) {
            // Its pledges count from now on (a first event), or under another stakeholder type.
            List<PledgeFacts> pledges = facts(c, "entity_id = ?", id);
            Deltas diff = new Deltas();
            for (PledgeFacts before : pledges) {
                PledgeFacts after = before.withStakeholderType(stakeholderType);
                merge(diff, contribution(after).minus(contribution(before)));
            }
            addToTotals(c, diff);
            try (PreparedStatement up = c.prepareStatement("update a_pledge set stakeholder_type = ? where entity_id = ?")) {
                up.setString(1, stakeholderType);
                up.setObject(2, id);
                up.executeUpdate();
            }
        }
        spansOfEntity(c, id);
        if (oldHq != null && !oldHq.equals(hq)) {
            spansOfCountry(c, oldHq);
        }
        spansOfCountry(c, hq);
    }

    // --- pledges --------------------------------------------------------------------------------------------

    /**
     * The pledge-level facts (status, validation and withdrawal days, entity) come from the newest version; the
     * validated content an event carries joins the pledge's timeline under its revision whatever the order of arrival,
     * so an older event that arrives late still tells what the pledge said before a later revision.
     */
    private void pledge(Connection c, JsonObject data) throws SQLException {
        UUID id = UUID.fromString(data.getString("id"));
        long version = data.getLong("version");
        Long storedVersion = null;
        try (PreparedStatement q = c.prepareStatement("select version from a_pledge where id = ?")) {
            q.setObject(1, id);
            ResultSet rs = q.executeQuery();
            if (rs.next()) {
                storedVersion = rs.getLong(1);
            }
        }
        boolean newer = storedVersion == null || storedVersion < version;
        List<PledgeFacts> old = facts(c, "id = ?", id);
        PledgeFacts before = old.isEmpty() ? null : old.get(0);
        List<ValidatedContent> timeline = before == null ? List.of() : before.contents();
        ValidatedContent content = validatedContent(data, version);
        List<ValidatedContent> contents = content == null ? timeline : ValidatedContent.merge(timeline, content);
        if (!newer && contents.equals(timeline)) {
            return; // a redelivery, or an older version that adds nothing
        }
        PledgeFacts after;
        if (newer) {
            UUID entityId = UUID.fromString(data.getString("pledgerEntityId"));
            String status = data.getString("status");
            LocalDate validated = isValidated(data) ? day(data.getString("validatedAt")) : null;
            String stakeholderType = null;
            try (PreparedStatement q = c.prepareStatement("select stakeholder_type from a_entity where id = ?")) {
                q.setObject(1, entityId);
                ResultSet rs = q.executeQuery();
                if (rs.next()) {
                    stakeholderType = rs.getString(1);
                }
            }
            after = new PledgeFacts(id, entityId, validated, day(data.getString("withdrawnAt")), contents, stakeholderType,
                    reportFacts(c, id), scheduleOf(c, id));
            store(c, after, version, status);
        } else {
            after = before.withContents(contents);
            try (PreparedStatement up = c.prepareStatement("update a_pledge set contents = cast(? as jsonb) where id = ?")) {
                up.setString(1, ValidatedContent.toJson(contents));
                up.setObject(2, id);
                up.executeUpdate();
            }
        }
        addToTotals(c, before == null ? contribution(after) : contribution(after).minus(contribution(before)));
        if (before != null && !before.entityId().equals(after.entityId())) {
            changedEntitySpans(c, before.entityId());
        }
        changedEntitySpans(c, after.entityId());
    }

    private static boolean isValidated(JsonObject data) {
        String status = data.getString("status");
        return data.getString("validatedAt") != null && ("VALIDATED".equals(status) || "WITHDRAWN".equals(status));
    }

    /**
     * The validated content a snapshot carries (pledge-service puts only validated content in a validated pledge's
     * events: a pending revision is never in them), or null before the first validation. Revision 1 takes effect on
     * the day of {@code validatedAt}, a later one on the day of its {@code revisedAt}: both are stamped once, when the
     * Secretariat validates, and repeated unchanged by every later event of that revision, unlike {@code updatedAt} or
     * the event's time.
     */
    private static ValidatedContent validatedContent(JsonObject data, long version) {
        if (!isValidated(data)) {
            return null;
        }
        int revision = data.getInteger("revision", 1);
        String revisedAt = data.getString("revisedAt");
        LocalDate from = day(revision > 1 && revisedAt != null ? revisedAt : data.getString("validatedAt"));
        JsonObject value = data.getJsonObject("financialValue");
        BigDecimal usd = value == null || value.getString("usd") == null ? null : new BigDecimal(value.getString("usd"));
        List<String> unGroups = new ArrayList<>();
        if (data.getBoolean("ldc", false)) unGroups.add("LDC");
        if (data.getBoolean("lldc", false)) unGroups.add("LLDC");
        if (data.getBoolean("sids", false)) unGroups.add("SIDS");
        String endDate = data.getString("endDate");
        return new ValidatedContent(revision, version, from, usd, strings(data, "countries"), strings(data, "regions"),
                strings(data, "types"), strings(data, "pillars"), strings(data, "focusAreas"), List.copyOf(unGroups),
                data.getJsonArray("sdgs", new JsonArray()).stream().map(n -> ((Number) n).intValue()).distinct().sorted().toList(),
                strings(data, "targets"), endDate == null ? null : LocalDate.parse(endDate));
    }

    private static void store(Connection c, PledgeFacts p, long version, String status) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("""
                insert into a_pledge (id, version, entity_id, status, validated_day, withdrawn_day, contents, stakeholder_type,
                    reports, schedule)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), cast(? as jsonb))
                on conflict (id) do update set version = excluded.version, entity_id = excluded.entity_id,
                    status = excluded.status, validated_day = excluded.validated_day, withdrawn_day = excluded.withdrawn_day,
                    contents = excluded.contents, stakeholder_type = excluded.stakeholder_type, reports = excluded.reports,
                    schedule = excluded.schedule""")) {
            up.setObject(1, p.id());
            up.setLong(2, version);
            up.setObject(3, p.entityId());
            up.setString(4, status);
            up.setObject(5, p.validatedDay());
            up.setObject(6, p.withdrawnDay());
            up.setString(7, ValidatedContent.toJson(p.contents()));
            up.setString(8, p.stakeholderType());
            up.setString(9, ReportFacts.toJson(p.reports()));
            up.setString(10, ScheduleAnchor.toJson(p.schedule()));
            up.executeUpdate();
        }
    }

    // --- reports --------------------------------------------------------------------------------------------

    private void report(Connection c, JsonObject data) throws SQLException {
        UUID id = UUID.fromString(data.getString("id"));
        long version = data.getLong("version");
        UUID pledgeId = UUID.fromString(data.getString("pledgeId"));
        UUID oldPledge = null;
        try (PreparedStatement q = c.prepareStatement("select version, pledge_id from a_report where id = ?")) {
            q.setObject(1, id);
            ResultSet rs = q.executeQuery();
            if (rs.next()) {
                if (rs.getLong(1) >= version) {
                    return;
                }
                oldPledge = rs.getObject(2, UUID.class);
            }
        }
        try (PreparedStatement up = c.prepareStatement("""
                insert into a_report (id, version, pledge_id, status, submitted_at, superseded_at, completion_status,
                    challenge_categories, solution_categories) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set version = excluded.version, pledge_id = excluded.pledge_id,
                    status = excluded.status, submitted_at = excluded.submitted_at, superseded_at = excluded.superseded_at,
                    completion_status = excluded.completion_status, challenge_categories = excluded.challenge_categories,
                    solution_categories = excluded.solution_categories""")) {
            up.setObject(1, id);
            up.setLong(2, version);
            up.setObject(3, pledgeId);
            up.setString(4, data.getString("status"));
            up.setTimestamp(5, timestamp(data.getString("submittedAt")));
            up.setTimestamp(6, timestamp(data.getString("supersededAt")));
            up.setString(7, data.getString("completionStatus"));
            up.setArray(8, c.createArrayOf("text", strings(data, "challengeCategories").toArray()));
            up.setArray(9, c.createArrayOf("text", strings(data, "solutionCategories").toArray()));
            up.executeUpdate();
        }
        if (oldPledge != null && !oldPledge.equals(pledgeId)) {
            reportsOfPledge(c, oldPledge);
        }
        reportsOfPledge(c, pledgeId);
    }

    /**
     * The pledge's reports changed: its reported, standing and brief figures move, and its entity's reporting.
     */
    private void reportsOfPledge(Connection c, UUID pledgeId) throws SQLException {
        List<PledgeFacts> found = facts(c, "id = ?", pledgeId);
        if (found.isEmpty()) {
            return; // counted once the pledge arrives: it reads its reports then
        }
        PledgeFacts before = found.get(0);
        List<ReportFacts> reports = reportFacts(c, pledgeId);
        if (reports.equals(before.reports())) {
            return;
        }
        PledgeFacts after = before.withReports(reports);
        addToTotals(c, contribution(after).minus(contribution(before)));
        try (PreparedStatement up = c.prepareStatement("update a_pledge set reports = cast(? as jsonb) where id = ?")) {
            up.setString(1, ReportFacts.toJson(reports));
            up.setObject(2, pledgeId);
            up.executeUpdate();
        }
        changedEntitySpans(c, before.entityId());
    }

    // --- reporting schedules -------------------------------------------------------------------------------

    /**
     * A pledge's reporting schedule from reporting-service (keyed by the pledge, the whole timeline each time): newest
     * version wins; the pledge's standing is recomputed from it, now or when the pledge arrives.
     */
    private void schedule(Connection c, JsonObject data) throws SQLException {
        UUID pledgeId = UUID.fromString(data.getString("pledgeId"));
        long version = data.getLong("version");
        try (PreparedStatement q = c.prepareStatement("select version from a_schedule where pledge_id = ?")) {
            q.setObject(1, pledgeId);
            ResultSet rs = q.executeQuery();
            if (rs.next() && rs.getLong(1) >= version) {
                return;
            }
        }
        List<ScheduleAnchor> anchors = ScheduleAnchor.of(data.getJsonArray("anchors"));
        try (PreparedStatement up = c.prepareStatement("""
                insert into a_schedule (pledge_id, version, anchors) values (?, ?, cast(? as jsonb))
                on conflict (pledge_id) do update set version = excluded.version, anchors = excluded.anchors""")) {
            up.setObject(1, pledgeId);
            up.setLong(2, version);
            up.setString(3, ScheduleAnchor.toJson(anchors));
            up.executeUpdate();
        }
        List<PledgeFacts> found = facts(c, "id = ?", pledgeId);
        if (found.isEmpty()) {
            return; // the pledge reads it when it arrives
        }
        PledgeFacts before = found.get(0);
        if (anchors.equals(before.schedule())) {
            return;
        }
        addToTotals(c, contribution(before.withSchedule(anchors)).minus(contribution(before)));
        try (PreparedStatement up = c.prepareStatement("update a_pledge set schedule = cast(? as jsonb) where id = ?")) {
            up.setString(1, ScheduleAnchor.toJson(anchors));
            up.setObject(2, pledgeId);
            up.executeUpdate();
        }
    }

    private static List<ScheduleAnchor> scheduleOf(Connection c, UUID pledgeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select anchors from a_schedule where pledge_id = ?")) {
            q.setObject(1, pledgeId);
            ResultSet rs = q.executeQuery();
            return rs.next() ? ScheduleAnchor.fromJson(rs.getString(1)) : List.of();
        }
    }

    // --- distinct entities and countries ---------------------------------------------------------------------

    private record Span(String scope, String label, LocalDate from, LocalDate to) {
    }

    private void changedEntitySpans(Connection c, UUID entityId) throws SQLException {
        if (spansOfEntity(c, entityId)) {
            try (PreparedStatement q = c.prepareStatement("select headquarters_country from a_entity where id = ?")) {
                q.setObject(1, entityId);
                ResultSet rs = q.executeQuery();
                if (rs.next()) {
                    spansOfCountry(c, rs.getString(1));
                }
            }
        }
    }

    /** An entity counts in a scope while one of its pledges there counts, and reports while one is reported. */
    private boolean spansOfEntity(Connection c, UUID entityId) throws SQLException {
        List<PledgeFacts> pledges = facts(c, "entity_id = ?", entityId);
        Map<String, List<Interval>> counted = new TreeMap<>();
        Map<String, List<Interval>> reported = new TreeMap<>();
        String type = null;
        for (PledgeFacts p : pledges) {
            if (p.counted() == null) {
                continue;
            }
            type = p.stakeholderType();
            // Where the pledge counts moves with its revisions: each content's scopes on the days it is in force.
            p.countedIn().forEach((scope, days) -> counted.computeIfAbsent(scope, s -> new ArrayList<>()).addAll(days));
            p.reportedIn().forEach((scope, days) -> reported.computeIfAbsent(scope, s -> new ArrayList<>()).addAll(days));
        }
        boolean changed = replaceSpans(c, Dim.ENTITY, entityId.toString(), spans(counted, type));
        replaceSpans(c, Dim.REPORTING_ENTITY, entityId.toString(), spans(reported, type));
        return changed;
    }

    /** A country of pledge-makers counts in a scope while an entity headquartered there counts. */
    private void spansOfCountry(Connection c, String country) throws SQLException {
        Map<String, List<Interval>> counted = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                select s.scope, s.from_day, s.to_day from a_span s join a_entity e on s.unit = e.id::text
                 where s.kind = ? and e.headquarters_country = ?""")) {
            q.setString(1, Dim.ENTITY);
            q.setString(2, country);
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                counted.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
                        .add(new Interval(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
            }
        }
        replaceSpans(c, Dim.PLEDGER_COUNTRY, country, spans(counted, Dim.NO_KEY));
    }

    private static List<Span> spans(Map<String, List<Interval>> byScope, String label) {
        List<Span> spans = new ArrayList<>();
        byScope.forEach((scope, intervals) -> Interval.union(intervals)
                .forEach(i -> spans.add(new Span(scope, label, i.from(), i.to()))));
        return spans;
    }

    /** Replaces a unit's counting intervals and moves the totals by the difference; true if anything changed. */
    private boolean replaceSpans(Connection c, String kind, String unit, List<Span> after) throws SQLException {
        List<Span> before = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "select scope, label, from_day, to_day from a_span where kind = ? and unit = ?")) {
            q.setString(1, kind);
            q.setString(2, unit);
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                before.add(new Span(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)));
            }
        }
        if (new HashSet<>(before).equals(new HashSet<>(after))) {
            return false;
        }
        Deltas old = new Deltas();
        before.forEach(s -> old.count(s.scope(), kind, s.label(), new Interval(s.from(), s.to()), BigDecimal.ZERO));
        Deltas now = new Deltas();
        after.forEach(s -> now.count(s.scope(), kind, s.label(), new Interval(s.from(), s.to()), BigDecimal.ZERO));
        addToTotals(c, now.minus(old));
        try (PreparedStatement del = c.prepareStatement("delete from a_span where kind = ? and unit = ?")) {
            del.setString(1, kind);
            del.setString(2, unit);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(
                "insert into a_span (kind, unit, scope, label, from_day, to_day) values (?, ?, ?, ?, ?, ?)")) {
            for (Span s : after) {
                ins.setString(1, kind);
                ins.setString(2, unit);
                ins.setString(3, s.scope());
                ins.setString(4, s.label());
                ins.setObject(5, s.from());
                ins.setObject(6, s.to());
                ins.addBatch();
            }
            ins.executeBatch();
        }
        return true;
    }

    // --- totals ---------------------------------------------------------------------------------------------

    private static Deltas contribution(PledgeFacts p) {
        return p.contribution();
    }

    private static void merge(Deltas into, Deltas more) {
        more.cells().forEach((cell, ch) -> into.add(cell.scope(), cell.dim(), cell.key(), cell.day(), ch.count(),
                ch.usd(), ch.reported()));
    }

    private static void addToTotals(Connection c, Deltas diff) throws SQLException {
        if (diff.isEmpty()) {
            return;
        }
        int n = diff.cells().size();
        String[] scopes = new String[n];
        String[] dims = new String[n];
        String[] keys = new String[n];
        Date[] days = new Date[n];
        Long[] counts = new Long[n];
        BigDecimal[] usd = new BigDecimal[n];
        Long[] reported = new Long[n];
        int i = 0;
        for (var e : diff.cells().entrySet()) {
            scopes[i] = e.getKey().scope();
            dims[i] = e.getKey().dim();
            keys[i] = e.getKey().key();
            days[i] = Date.valueOf(e.getKey().day());
            counts[i] = e.getValue().count();
            usd[i] = e.getValue().usd();
            reported[i] = e.getValue().reported();
            i++;
        }
        // One statement: the day's changes, and the same summed into their months.
        try (PreparedStatement up = c.prepareStatement("""
                with t (s, d, k, day, n, u, r) as (
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::int8[], ?::numeric[], ?::int8[])
                ), daily as (
                    insert into daily_total (scope, dim, key, day, d_count, d_usd, d_reported)
                    select s, d, k, day, n, u, r from t
                    on conflict (scope, day, dim, key) do update set d_count = daily_total.d_count + excluded.d_count,
                        d_usd = daily_total.d_usd + excluded.d_usd, d_reported = daily_total.d_reported + excluded.d_reported
                )
                insert into monthly_total (scope, dim, key, month, d_count, d_usd, d_reported)
                select s, d, k, date_trunc('month', day)::date, sum(n), sum(u), sum(r)
                  from t group by s, d, k, date_trunc('month', day)::date
                on conflict (scope, month, dim, key) do update set d_count = monthly_total.d_count + excluded.d_count,
                    d_usd = monthly_total.d_usd + excluded.d_usd, d_reported = monthly_total.d_reported + excluded.d_reported""")) {
            up.setArray(1, c.createArrayOf("text", scopes));
            up.setArray(2, c.createArrayOf("text", dims));
            up.setArray(3, c.createArrayOf("text", keys));
            up.setArray(4, c.createArrayOf("date", days));
            up.setArray(5, c.createArrayOf("int8", counts));
            up.setArray(6, c.createArrayOf("numeric", usd));
            up.setArray(7, c.createArrayOf("int8", reported));
            up.executeUpdate();
        }
    }

    // --- rows -----------------------------------------------------------------------------------------------

    private static List<PledgeFacts> facts(Connection c, String where, UUID param) throws SQLException {
        List<PledgeFacts> found = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                select id, entity_id, validated_day, withdrawn_day, contents, stakeholder_type, reports, schedule
                  from a_pledge""" + " where " + where)) {
            q.setObject(1, param);
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                found.add(new PledgeFacts(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                        ValidatedContent.fromJson(rs.getString(5)), rs.getString(6), ReportFacts.fromJson(rs.getString(7)),
                        ScheduleAnchor.fromJson(rs.getString(8))));
            }
        }
        return found;
    }

    /** The pledge's submitted reports, in a fixed order, as the brief's figures need them. */
    private static List<ReportFacts> reportFacts(Connection c, UUID pledgeId) throws SQLException {
        List<ReportFacts> reports = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                select id, submitted_at, superseded_at, completion_status, challenge_categories, solution_categories
                  from a_report where pledge_id = ? order by id""")) {
            q.setObject(1, pledgeId);
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                Timestamp superseded = rs.getTimestamp(3);
                reports.add(new ReportFacts(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        superseded == null ? null : superseded.toInstant(), rs.getString(4), textArray(rs.getArray(5)),
                        textArray(rs.getArray(6))));
            }
        }
        return reports;
    }

    private static List<String> textArray(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    private static List<String> strings(JsonObject data, String field) {
        JsonArray a = data.getJsonArray(field);
        if (a == null) {
            return List.of();
        }
        Set<String> distinct = new java.util.TreeSet<>();
        a.forEach(v -> distinct.add(String.valueOf(v)));
        return List.copyOf(distinct);
    }

    private static LocalDate day(String instant) {
        return instant == null ? null : Instant.parse(instant).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Timestamp timestamp(String instant) {
        return instant == null ? null : Timestamp.from(Instant.parse(instant));
    }
}
