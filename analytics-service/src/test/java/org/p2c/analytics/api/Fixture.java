package org.p2c.analytics.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A deterministic world of entities, pledges and progress reports, and the events the other services would have
 * published to reach it: several versions per aggregate (drafts, submissions, validations, revisions, withdrawals,
 * corrections of reports), stale versions and duplicates. The final states are what the expected figures read.
 */
final class Fixture {

    record Entity(UUID id, String stakeholderType, String hq) {
    }

    /** What a pledge says that the figures read: the content of one revision. */
    record Content(BigDecimal usd, List<String> countries, List<String> regions, List<String> types, List<String> pillars,
                   List<String> focusAreas, boolean ldc, boolean lldc, boolean sids, List<Integer> sdgs,
                   List<String> targets, LocalDate endDate) {
    }

    /** A validated content and when the Secretariat validated it (the first validation for revision 1). */
    record Revision(int number, Instant validatedAt, Content content) {
    }

    /** A pledge's final state; {@code revisions}: its validated contents in the order they were validated. */
    record Pledge(UUID id, UUID entityId, String status, Instant validatedAt, Instant withdrawnAt, List<Revision> revisions) {
    }

    record Report(UUID id, UUID pledgeId, Instant submittedAt, Instant supersededAt, String completionStatus,
                  List<String> challenges, List<String> solutions) {
    }

    /** An entry of a pledge's reporting schedule as reporting-service publishes it. */
    record Anchor(LocalDate from, LocalDate dueOn, LocalDate dueSoonFrom) {
    }

    /** One event as a producer's outbox would publish it. */
    record Event(String aggregate, UUID key, UUID id, String type, JsonObject data) {
    }

    static final String[] STAKEHOLDER_TYPES = {"GOVERNMENT", "PRIVATE_SECTOR", "UN_AGENCY",
            "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "YOUTH_MEDIA_ENTERTAINMENT", "OTHER"};
    static final String[] HQS = {"USA", "GBR", "CHE", "KHM", "KEN", "FRA", "JPN", "BRA", "IND", "SEN", "FJI", "EGY"};
    /** Countries pledges target: ITU region and UN groups (as pledge-service would derive them). */
    static final Map<String, String[]> COUNTRIES = new LinkedHashMap<>();

    static {
        COUNTRIES.put("KHM", new String[]{"ASIA_PACIFIC", "LDC"});
        COUNTRIES.put("LAO", new String[]{"ASIA_PACIFIC", "LDC", "LLDC"});
        COUNTRIES.put("FJI", new String[]{"ASIA_PACIFIC", "SIDS"});
        COUNTRIES.put("IND", new String[]{"ASIA_PACIFIC"});
        COUNTRIES.put("KEN", new String[]{"AFRICA"});
        COUNTRIES.put("UGA", new String[]{"AFRICA", "LDC", "LLDC"});
        COUNTRIES.put("SEN", new String[]{"AFRICA", "LDC"});
        COUNTRIES.put("BRA", new String[]{"AMERICAS"});
        COUNTRIES.put("JAM", new String[]{"AMERICAS", "SIDS"});
        COUNTRIES.put("EGY", new String[]{"ARAB_STATES"});
        COUNTRIES.put("KGZ", new String[]{"CIS", "LLDC"});
        COUNTRIES.put("FRA", new String[]{"EUROPE"});
    }

    static final String[] REGIONS = {"AFRICA", "AMERICAS", "ARAB_STATES", "ASIA_PACIFIC", "CIS", "EUROPE"};
    static final Map<String, String> FOCUS_AREA = Map.ofEntries(
            Map.entry("INFRASTRUCTURE", "ACCESS"), Map.entry("AFFORDABILITY", "ACCESS"), Map.entry("CYBERSECURITY", "ACCESS"),
            Map.entry("SKILLS", "ADOPTION"), Map.entry("INCLUSION", "ADOPTION"), Map.entry("LOCAL_CONTENT_AND_SERVICES", "ADOPTION"),
            Map.entry("INNOVATION_AND_ENTREPRENEURSHIP", "VALUE_CREATION"), Map.entry("APPS_AND_SERVICES", "VALUE_CREATION"),
            Map.entry("DIGITAL_ECONOMY", "VALUE_CREATION"), Map.entry("INNOVATIVE_FINANCING", "ACCELERATE"),
            Map.entry("PROJECT_VIABILITY", "ACCELERATE"), Map.entry("INVESTOR_CONSTELLATION", "ACCELERATE"));
    static final String[] PILLARS = FOCUS_AREA.keySet().stream().sorted().toArray(String[]::new);
    static final String[] TYPES = {"FINANCIAL", "POLICY", "ADVOCACY", "PROGRAMMATIC"};
    static final String[] TARGETS = {"ACC-INTERNET-USE", "ACC-MOBILE-OWNERSHIP", "ACC-HOUSEHOLDS", "ACC-SCHOOLS",
            "ADO-DIGITAL-SKILLS-MINIMUM", "ADO-GENDER-PARITY", "VAL-DIGITAL-FINANCE"};
    static final String[] COMPLETION = {"NOT_STARTED", "PLANNING_PHASE", "IN_PROGRESS", "COMPLETED", "DISCONTINUED"};
    static final String[] CHALLENGES = {"NATURAL_DISASTERS", "ADMINISTRATIVE", "FINANCIAL", "TECHNICAL", "REGULATORY",
            "SECURITY", "OTHER"};
    static final String[] SOLUTIONS = {"PARTNERSHIPS", "FUNDING", "CAPACITY_BUILDING", "POLICY_CHANGE", "TECHNOLOGY", "OTHER"};

    private static final Instant START = Instant.parse("2022-01-01T00:00:00Z");
    private static final Instant LAST_REPORT = Instant.parse("2026-06-30T00:00:00Z");

    final List<Entity> entities = new ArrayList<>();
    final List<Pledge> pledges = new ArrayList<>();
    final List<Report> reports = new ArrayList<>();
    /** Each validated pledge's reporting schedule as last published. */
    final Map<UUID, List<Anchor>> schedules = new LinkedHashMap<>();
    /** Every event, in the order of each aggregate's history. */
    final List<Event> history = new ArrayList<>();

    private final Random rnd;

    Fixture(long seed, int entityCount, int pledgeCount) {
        rnd = new Random(seed);
        for (int i = 0; i < entityCount; i++) {
            entity();
        }
        for (int i = 0; i < pledgeCount; i++) {
            pledge();
        }
        revisedAroundTheCheckDates();
    }

    UUID uuid() {
        return new UUID(rnd.nextLong(), rnd.nextLong());
    }

    private void entity() {
        Entity e = new Entity(uuid(), pick(STAKEHOLDER_TYPES), pick(HQS));
        entities.add(e);
        // Registered under another type and country, then corrected: only the newest version counts.
        history.add(new Event("entities", e.id(), uuid(), "p2c.entity.registered.v1",
                entityData(e.id(), 1, pick(STAKEHOLDER_TYPES), pick(HQS), "PENDING_VERIFICATION")));
        history.add(new Event("entities", e.id(), uuid(), "p2c.entity.verified.v1",
                entityData(e.id(), 2, e.stakeholderType(), e.hq(), "VERIFIED")));
    }

    private static JsonObject entityData(UUID id, long version, String type, String hq, String status) {
        return new JsonObject().put("id", id.toString()).put("version", version).put("name", "Entity " + id)
                .put("acronym", null).put("stakeholderType", type).put("headquartersCountry", hq)
                .put("ituRegion", null).put("status", status).put("registeredAt", "2021-12-01T00:00:00Z")
                .put("verifiedAt", null).put("updatedAt", "2021-12-02T00:00:00Z")
                .put("members", new JsonArray()).put("partnerClients", new JsonArray());
    }

    /** A pledge's state as one event carries it: the validated content while a revision is pending. */
    private record State(UUID id, UUID entityId, String status, Instant validatedAt, Instant withdrawnAt, int revision,
                         Instant revisedAt, Content content, Instant at) {
        State then(String newStatus, Instant newAt) {
            return new State(id, entityId, newStatus, validatedAt, withdrawnAt, revision, revisedAt, content, newAt);
        }
    }

    /** One aggregate's events, versions counted. */
    private final class PledgeHistory {
        long version;

        void add(State s, String verb) {
            history.add(pledgeEvent(s, ++version, "p2c.pledge." + verb + ".v1"));
        }
    }

    private void pledge() {
        UUID id = uuid();
        UUID entity = entities.get(rnd.nextInt(entities.size())).id();
        int roll = rnd.nextInt(100);
        String finalStatus = roll < 70 ? "VALIDATED" : roll < 82 ? "WITHDRAWN" : roll < 90 ? "SUBMITTED"
                : roll < 95 ? "DRAFT" : "REJECTED";
        Instant validatedAt = null;
        Instant withdrawnAt = null;
        if (finalStatus.equals("VALIDATED") || finalStatus.equals("WITHDRAWN")) {
            validatedAt = START.plusSeconds(rnd.nextLong(3L * 365 * 86400 + 180 * 86400));
        }
        if (finalStatus.equals("WITHDRAWN")) {
            // Some withdrawn the day they were validated: never counted.
            withdrawnAt = rnd.nextInt(6) == 0 ? validatedAt.plusSeconds(60) : validatedAt.plusSeconds(rnd.nextLong(700L * 86400));
        }
        PledgeHistory events = new PledgeHistory();
        State draft = new State(id, entity, "DRAFT", null, null, 1, null, content(), START);
        events.add(draft, "drafted");
        if (finalStatus.equals("DRAFT")) {
            pledges.add(new Pledge(id, entity, "DRAFT", null, null, List.of()));
            return;
        }
        State submitted = new State(id, entity, "SUBMITTED", null, null, 1, null, content(), START);
        events.add(submitted, "submitted");
        if (finalStatus.equals("SUBMITTED") || finalStatus.equals("REJECTED")) {
            if (finalStatus.equals("REJECTED")) {
                events.add(submitted.then("REJECTED", START), "rejected");
            }
            pledges.add(new Pledge(id, entity, finalStatus, null, null, List.of()));
            return;
        }
        State validated = new State(id, entity, "VALIDATED", validatedAt, null, 1, null, submitted.content(), validatedAt);
        events.add(validated, "validated");
        List<Revision> revisions = new ArrayList<>(List.of(new Revision(1, validatedAt, validated.content())));
        if (rnd.nextInt(4) == 0) {
            // Revised once or twice before any withdrawal; some revisions are returned or rejected on the way.
            Instant until = withdrawnAt != null ? withdrawnAt : Instant.parse("2026-12-31T00:00:00Z");
            for (int n = 1 + rnd.nextInt(2); n > 0 && until.getEpochSecond() - validated.at().getEpochSecond() > 10; n--) {
                long window = until.getEpochSecond() - validated.at().getEpochSecond();
                Instant edited = validated.at().plusSeconds(1 + rnd.nextLong(window / 2));
                Instant decided = edited.plusSeconds(1 + rnd.nextLong(until.getEpochSecond() - edited.getEpochSecond() - 1));
                events.add(validated.then("VALIDATED", edited), "revision-edited");
                events.add(validated.then("VALIDATED", edited), "revision-submitted");
                if (rnd.nextInt(4) == 0) {
                    events.add(validated.then("VALIDATED", decided), "revision-rejected");
                    continue;
                }
                validated = new State(id, entity, "VALIDATED", validatedAt, null, validated.revision() + 1, decided, content(),
                        decided);
                events.add(validated, "revision-validated");
                revisions.add(new Revision(validated.revision(), decided, validated.content()));
            }
        }
        if (withdrawnAt != null) {
            events.add(new State(id, entity, "WITHDRAWN", validatedAt, withdrawnAt, validated.revision(), validated.revisedAt(),
                    validated.content(), withdrawnAt), "withdrawn");
        }
        Pledge last = new Pledge(id, entity, finalStatus, validatedAt, withdrawnAt, List.copyOf(revisions));
        pledges.add(last);
        reportsOf(last);
        scheduleOf(last);
    }

    /**
     * Pledges revised around the dates the tests look at: on a check date, the day after it, between the two dates of
     * the comparison, twice, on the day of their first validation, with a pending revision that never validates.
     * Each revision changes the value, the countries (so the regions), pillars, targets, types and end date.
     */
    private void revisedAroundTheCheckDates() {
        showcase(entity("GOVERNMENT", "JPN"), "2023-02-01T10:00:00Z", null, List.of(
                        fixed("1000000000.00", List.of("KHM"), List.of("SKILLS"), List.of("FINANCIAL"), List.of("ACC-SCHOOLS"), "2024-12-31"),
                        fixed("7500000000.00", List.of("FRA", "KEN"), List.of("INFRASTRUCTURE", "INNOVATIVE_FINANCING"),
                                List.of("FINANCIAL", "POLICY"), List.of("ACC-HOUSEHOLDS", "VAL-DIGITAL-FINANCE"), "2027-06-30")),
                List.of(REVISED_BETWEEN_THE_COMPARED_DATES), false);
        showcase(entity("PRIVATE_SECTOR", "IND"), "2022-04-04T08:00:00Z", null, List.of(
                        fixed("250000000.00", List.of("LAO"), List.of("AFFORDABILITY"), List.of("FINANCIAL"), List.of("ACC-INTERNET-USE"), "2023-12-31"),
                        fixed("40000000.00", List.of("FJI", "KHM"), List.of("AFFORDABILITY", "SKILLS"), List.of("PROGRAMMATIC"),
                                List.of("ADO-GENDER-PARITY"), "2026-12-31")),
                List.of("2024-07-07T23:59:59Z"), false);
        showcase(entity("UN_AGENCY", "CHE"), "2022-11-11T11:00:00Z", null, List.of(
                        fixed(null, List.of("KGZ"), List.of("CYBERSECURITY"), List.of("POLICY"), List.of(), null),
                        fixed("90000000.00", List.of("EGY"), List.of("DIGITAL_ECONOMY"), List.of("FINANCIAL"),
                                List.of("VAL-DIGITAL-FINANCE"), "2025-01-31")),
                List.of("2024-07-08T00:00:00Z"), false);
        showcase(entity("CIVIL_SOCIETY_ACADEMIA_RESEARCH", "KEN"), "2023-05-05T05:00:00Z", null, List.of(
                        fixed("3000000.00", List.of("UGA"), List.of("INCLUSION"), List.of("ADVOCACY", "FINANCIAL"), List.of("ADO-DIGITAL-SKILLS-MINIMUM"), "2025-05-05")),
                List.of(), true);
        showcase(entity("INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "FRA"), "2022-08-01T09:00:00Z", "2026-03-01T12:00:00Z", List.of(
                        fixed("600000000.00", List.of("SEN"), List.of("PROJECT_VIABILITY"), List.of("FINANCIAL"), List.of("ACC-MOBILE-OWNERSHIP"), "2024-06-30"),
                        fixed("800000000.00", List.of("BRA", "JAM"), List.of("APPS_AND_SERVICES"), List.of("FINANCIAL"),
                                List.of("ACC-SCHOOLS", "ACC-MOBILE-OWNERSHIP"), "2025-12-31"),
                        fixed("20000000.00", List.of("IND", "KHM", "SEN"), List.of("LOCAL_CONTENT_AND_SERVICES", "SKILLS"),
                                List.of("FINANCIAL", "PROGRAMMATIC"), List.of("ACC-SCHOOLS", "ADO-DIGITAL-SKILLS-MINIMUM"), "2028-01-01")),
                List.of("2023-03-15T12:00:00Z", "2025-06-30T18:00:00Z"), true);
        showcase(entity("OTHER", "BRA"), "2024-01-10T08:00:00Z", null, List.of(
                        fixed("5000000.00", List.of("FRA"), List.of("SKILLS"), List.of("FINANCIAL"), List.of(), "2025-01-01"),
                        fixed("6000000.00", List.of("KHM"), List.of("INCLUSION"), List.of("FINANCIAL"), List.of("ACC-SCHOOLS"), "2025-01-01")),
                List.of("2024-01-10T16:00:00Z"), false);
    }

    /** The day of the revision that the comparison test reads: no other pledge moves on it (checked by the tests). */
    static final String REVISED_BETWEEN_THE_COMPARED_DATES = "2024-06-18T09:00:00Z";
    /** The pledges of {@link #revisedAroundTheCheckDates()}, in that order. */
    final List<Pledge> revised = new ArrayList<>();

    private UUID entity(String stakeholderType, String hq) {
        Entity e = new Entity(uuid(), stakeholderType, hq);
        entities.add(e);
        history.add(new Event("entities", e.id(), uuid(), "p2c.entity.verified.v1",
                entityData(e.id(), 1, e.stakeholderType(), e.hq(), "VERIFIED")));
        return e.id();
    }

    private static Content fixed(String usd, List<String> countries, List<String> pillars, List<String> types,
                                 List<String> targets, String endDate) {
        return content(usd == null ? null : new BigDecimal(usd), new TreeSet<>(countries), new TreeSet<>(), types, pillars,
                List.of(4, countries.size() + 8), targets, endDate == null ? null : LocalDate.parse(endDate));
    }

    /**
     * A pledge validated at {@code validatedAt} with {@code contents[0]}, then revised to each next content at the
     * instant of {@code revisedAt} with the same index; {@code pending}: then a revision is submitted, returned,
     * submitted again, rejected, and another one waits for the Secretariat (none of them ever counts).
     */
    private void showcase(UUID entity, String validatedAt, String withdrawnAt, List<Content> contents, List<String> revisedAt,
                          boolean pending) {
        UUID id = uuid();
        Instant validated = Instant.parse(validatedAt);
        PledgeHistory events = new PledgeHistory();
        State state = new State(id, entity, "DRAFT", null, null, 1, null, contents.get(0), validated.minusSeconds(86400 * 30));
        events.add(state, "drafted");
        events.add(state.then("SUBMITTED", validated.minusSeconds(86400 * 20)), "submitted");
        state = new State(id, entity, "VALIDATED", validated, null, 1, null, contents.get(0), validated);
        events.add(state, "validated");
        List<Revision> revisions = new ArrayList<>(List.of(new Revision(1, validated, contents.get(0))));
        for (int i = 1; i < contents.size(); i++) {
            Instant at = Instant.parse(revisedAt.get(i - 1));
            events.add(state.then("VALIDATED", at.minusSeconds(3600)), "revision-edited");
            events.add(state.then("VALIDATED", at.minusSeconds(1800)), "revision-submitted");
            state = new State(id, entity, "VALIDATED", validated, null, i + 1, at, contents.get(i), at);
            events.add(state, "revision-validated");
            revisions.add(new Revision(i + 1, at, contents.get(i)));
        }
        if (pending) {
            for (String verb : List.of("revision-edited", "revision-submitted", "revision-returned", "revision-submitted",
                    "revision-rejected", "revision-edited", "revision-submitted")) {
                state = state.then("VALIDATED", state.at().plusSeconds(86400 * 9));
                events.add(state, verb);
            }
        }
        Instant withdrawn = withdrawnAt == null ? null : Instant.parse(withdrawnAt);
        if (withdrawn != null) {
            events.add(new State(id, entity, "WITHDRAWN", validated, withdrawn, state.revision(), state.revisedAt(),
                    state.content(), withdrawn), "withdrawn");
        }
        Pledge p = new Pledge(id, entity, withdrawn == null ? "VALIDATED" : "WITHDRAWN", validated, withdrawn, List.copyOf(revisions));
        pledges.add(p);
        revised.add(p);
        reportsOf(p);
        scheduleOf(p);
    }

    private Content content() {
        boolean global = rnd.nextInt(8) == 0;
        TreeSet<String> countries = new TreeSet<>();
        TreeSet<String> regions = new TreeSet<>();
        if (global) {
            if (rnd.nextBoolean()) {
                regions.add(pick(REGIONS));
            }
        } else {
            String[] codes = COUNTRIES.keySet().toArray(String[]::new);
            // Cambodia is a frequent target, as in the deck.
            if (rnd.nextInt(3) == 0) {
                countries.add("KHM");
            }
            for (int n = 1 + rnd.nextInt(3); countries.size() < n; ) {
                countries.add(pick(codes));
            }
            if (rnd.nextInt(6) == 0) {
                regions.add(pick(REGIONS));
            }
        }
        List<String> types = subset(TYPES, 1, 2);
        List<String> pillars = subset(PILLARS, 1, 3);
        BigDecimal usd = types.contains("FINANCIAL") || rnd.nextInt(3) == 0
                ? BigDecimal.valueOf(rnd.nextLong(500_000_000_000L), 2) : null;
        List<Integer> sdgs = new ArrayList<>(new TreeSet<>(List.of(1 + rnd.nextInt(17), 1 + rnd.nextInt(17))));
        LocalDate end = rnd.nextInt(15) == 0 ? null : LocalDate.of(2022, 6, 1).plusDays(rnd.nextInt(9 * 365));
        return content(usd, countries, regions, types, pillars, sdgs, subset(TARGETS, 0, 3), end);
    }

    /** The regions and UN groups of the countries, as pledge-service would derive them. */
    private static Content content(BigDecimal usd, TreeSet<String> countries, TreeSet<String> regions, List<String> types,
                                   List<String> pillars, List<Integer> sdgs, List<String> targets, LocalDate end) {
        boolean ldc = false, lldc = false, sids = false;
        for (String c : countries) {
            String[] facts = COUNTRIES.get(c);
            regions.add(facts[0]);
            for (int i = 1; i < facts.length; i++) {
                ldc |= facts[i].equals("LDC");
                lldc |= facts[i].equals("LLDC");
                sids |= facts[i].equals("SIDS");
            }
        }
        List<String> focusAreas = pillars.stream().map(FOCUS_AREA::get).distinct().sorted().toList();
        return new Content(usd, List.copyOf(countries), List.copyOf(regions), types, pillars, focusAreas, ldc, lldc, sids,
                sdgs, targets, end);
    }

    private Event pledgeEvent(State s, long version, String type) {
        Content p = s.content();
        JsonObject data = new JsonObject().put("id", s.id().toString()).put("version", version)
                .put("reference", "P2C-2024-" + String.format("%05d", pledges.size()))
                .put("pledgerEntityId", s.entityId().toString()).put("status", s.status())
                .put("title", "Pledge " + s.id()).put("types", new JsonArray(p.types()))
                .put("pillars", new JsonArray(p.pillars())).put("focusAreas", new JsonArray(p.focusAreas()))
                .put("global", p.countries().isEmpty()).put("countries", new JsonArray(p.countries()))
                .put("regions", new JsonArray(p.regions())).put("namedRegions", new JsonArray())
                .put("primaryRegion", p.regions().isEmpty() ? null : p.regions().get(0))
                .put("ldc", p.ldc()).put("lldc", p.lldc()).put("sids", p.sids())
                .put("beneficiaryGroups", new JsonArray(List.of("YOUTH"))).put("sdgs", new JsonArray(p.sdgs()))
                .put("targets", new JsonArray(p.targets()))
                .put("financialValue", p.usd() == null ? null : new JsonObject().put("amount", p.usd().toPlainString())
                        .put("currency", "USD").put("valueDate", "2024-01-01").put("usd", p.usd().toPlainString())
                        .put("unitsPerUsd", "1").put("rateSource", "identity"))
                .put("collaborators", new JsonArray())
                .put("startDate", "2022-01-01").put("endDate", p.endDate() == null ? null : p.endDate().toString())
                .put("revision", s.revision()).put("submittedAt", "2021-12-15T00:00:00Z")
                .put("validatedAt", s.validatedAt() == null ? null : s.validatedAt().toString())
                .put("revisedAt", s.revisedAt() == null ? null : s.revisedAt().toString())
                .put("withdrawnAt", s.withdrawnAt() == null ? null : s.withdrawnAt().toString())
                .put("updatedAt", s.at().toString())
                .put("imported", false);
        return new Event("pledges", s.id(), uuid(), type, data);
    }

    private void reportsOf(Pledge p) {
        Instant until = p.withdrawnAt() != null && p.withdrawnAt().isBefore(LAST_REPORT) ? p.withdrawnAt() : LAST_REPORT;
        long window = until.getEpochSecond() - p.validatedAt().getEpochSecond();
        if (window <= 86400) {
            return;
        }
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            Instant submitted = p.validatedAt().plusSeconds(rnd.nextLong(window));
            Report r = new Report(uuid(), p.id(), submitted, null, pick(COMPLETION), subset(CHALLENGES, 0, 2),
                    subset(SOLUTIONS, 0, 2));
            if (rnd.nextInt(5) == 0 && until.getEpochSecond() - submitted.getEpochSecond() > 2) {
                // Corrected later: the original is superseded when the correction is submitted.
                Instant corrected = submitted.plusSeconds(1 + rnd.nextLong(until.getEpochSecond() - submitted.getEpochSecond() - 1));
                Report correction = new Report(uuid(), p.id(), corrected, null, pick(COMPLETION), subset(CHALLENGES, 0, 2),
                        subset(SOLUTIONS, 0, 2));
                Report superseded = new Report(r.id(), r.pledgeId(), r.submittedAt(), corrected, r.completionStatus(),
                        r.challenges(), r.solutions());
                history.add(reportEvent(r, 1, "SUBMITTED", null, null));
                history.add(reportEvent(correction, 1, "SUBMITTED", r.id(), null));
                history.add(reportEvent(superseded, 2, "SUPERSEDED", null, correction.id()));
                reports.add(superseded);
                reports.add(correction);
            } else {
                history.add(reportEvent(r, 1, "SUBMITTED", null, null));
                reports.add(r);
            }
        }
    }

    /**
     * The schedule events reporting-service would publish for a validated pledge, the way its README says it does:
     * the first when it learns of the validation (an anchor on the validation day), then one on each submission (a
     * correction too) on a later day than the last anchor, each carrying the whole timeline; yearly, DUE from 30 days
     * before. Their ids are derived from the pledge, so the rest of the fixture draws the same numbers as without them.
     */
    private void scheduleOf(Pledge p) {
        List<Anchor> anchors = new ArrayList<>();
        List<Instant> changes = new ArrayList<>(List.of(p.validatedAt()));
        reports.stream().filter(r -> r.pledgeId().equals(p.id())).map(Report::submittedAt).sorted().forEach(changes::add);
        for (Instant at : changes) {
            LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
            if (!anchors.isEmpty() && !day.isAfter(anchors.get(anchors.size() - 1).from())) {
                continue;
            }
            LocalDate due = day.plusYears(1);
            anchors.add(new Anchor(day, due, due.minusDays(30)));
            JsonArray data = new JsonArray();
            anchors.forEach(a -> data.add(new JsonObject().put("from", a.from().toString())
                    .put("dueOn", a.dueOn().toString()).put("dueSoonFrom", a.dueSoonFrom().toString())));
            long version = anchors.size();
            history.add(new Event("reports", p.id(), UUID.nameUUIDFromBytes(("schedule " + p.id() + " " + version).getBytes()),
                    "p2c.report.schedule-changed.v1", new JsonObject().put("pledgeId", p.id().toString())
                    .put("version", version).put("pledgerEntityId", p.entityId().toString()).put("anchors", data)
                    .put("updatedAt", at.toString())));
        }
        schedules.put(p.id(), List.copyOf(anchors));
    }

    /** The days around each due date the schedules name: the day before DUE shows, its first day, the due day, the day after. */
    List<LocalDate> dueDays() {
        return schedules.values().stream().flatMap(List::stream)
                .flatMap(a -> java.util.stream.Stream.of(a.dueSoonFrom().minusDays(1), a.dueSoonFrom(), a.dueOn(),
                        a.dueOn().plusDays(1)))
                .distinct().sorted().toList();
    }

    private Event reportEvent(Report r, long version, String status, UUID supersedes, UUID supersededBy) {
        JsonObject data = new JsonObject().put("id", r.id().toString()).put("version", version)
                .put("pledgeId", r.pledgeId().toString()).put("pledgeReference", null)
                .put("pledgerEntityId", pledges.get(pledges.size() - 1).entityId().toString())
                .put("status", status).put("asOfDate", r.submittedAt().atZone(ZoneOffset.UTC).toLocalDate().toString())
                .put("submittedAt", r.submittedAt().toString()).put("completionStatus", r.completionStatus())
                .put("percentComplete", 50).put("challengeCategories", new JsonArray(r.challenges()))
                .put("solutionCategories", new JsonArray(r.solutions()))
                .put("supersedes", supersedes == null ? null : supersedes.toString())
                .put("supersededBy", supersededBy == null ? null : supersededBy.toString())
                .put("supersededAt", r.supersededAt() == null ? null : r.supersededAt().toString())
                .put("updatedAt", (r.supersededAt() != null ? r.supersededAt() : r.submittedAt()).toString());
        return new Event("reports", r.id(), uuid(), "p2c.report." + status.toLowerCase() + ".v1", data);
    }

    /**
     * The order the events reach analytics: shuffled across topics and versions (reports before their pledge,
     * pledges before their entity, newer versions before older ones), with a tenth of them delivered twice.
     */
    List<Event> deliveries() {
        List<Event> shuffled = new ArrayList<>(history);
        java.util.Collections.shuffle(shuffled, rnd);
        List<Event> out = new ArrayList<>(shuffled);
        for (int i = 0; i < shuffled.size(); i += 10) {
            out.add(rnd.nextInt(out.size()), shuffled.get(i));
        }
        return out;
    }

    /** Withdrawal days of pledges that counted for at least a day: the figures move on them. */
    List<LocalDate> withdrawalDays() {
        return pledges.stream().filter(p -> p.withdrawnAt() != null)
                .filter(p -> p.withdrawnAt().atZone(ZoneOffset.UTC).toLocalDate()
                        .isAfter(p.validatedAt().atZone(ZoneOffset.UTC).toLocalDate()))
                .map(p -> p.withdrawnAt().atZone(ZoneOffset.UTC).toLocalDate()).sorted().toList();
    }

    /** The days later revisions were validated: the figures of the revised pledges move on them. */
    List<LocalDate> revisionDays() {
        return pledges.stream().flatMap(p -> p.revisions().stream().skip(1))
                .map(r -> r.validatedAt().atZone(ZoneOffset.UTC).toLocalDate()).sorted().toList();
    }

    private String pick(String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private List<String> subset(String[] values, int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        TreeSet<String> chosen = new TreeSet<>();
        while (chosen.size() < n) {
            chosen.add(pick(values));
        }
        return List.copyOf(chosen);
    }
}
