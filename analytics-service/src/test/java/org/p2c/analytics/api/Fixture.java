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

    record Pledge(UUID id, UUID entityId, String status, Instant validatedAt, Instant withdrawnAt, BigDecimal usd,
                  List<String> countries, List<String> regions, List<String> types, List<String> pillars,
                  List<String> focusAreas, boolean ldc, boolean lldc, boolean sids, List<Integer> sdgs,
                  List<String> targets, LocalDate endDate) {
    }

    record Report(UUID id, UUID pledgeId, Instant submittedAt, Instant supersededAt, String completionStatus,
                  List<String> challenges, List<String> solutions) {
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
        long version = 0;
        Pledge draft = content(id, entity, "DRAFT", null, null);
        history.add(pledgeEvent(draft, ++version, "p2c.pledge.drafted.v1"));
        if (finalStatus.equals("DRAFT")) {
            pledges.add(draft);
            return;
        }
        Pledge submitted = content(id, entity, "SUBMITTED", null, null);
        history.add(pledgeEvent(submitted, ++version, "p2c.pledge.submitted.v1"));
        if (finalStatus.equals("SUBMITTED") || finalStatus.equals("REJECTED")) {
            Pledge last = finalStatus.equals("REJECTED") ? with(submitted, "REJECTED", null, null) : submitted;
            if (last != submitted) {
                history.add(pledgeEvent(last, ++version, "p2c.pledge.rejected.v1"));
            }
            pledges.add(last);
            return;
        }
        Pledge validated = with(submitted, "VALIDATED", validatedAt, null);
        history.add(pledgeEvent(validated, ++version, "p2c.pledge.validated.v1"));
        if (rnd.nextInt(5) == 0) {
            // A validated revision: new content, the first validation date stays.
            validated = content(id, entity, "VALIDATED", validatedAt, null);
            history.add(pledgeEvent(validated, ++version, "p2c.pledge.revision-validated.v1"));
        }
        Pledge last = validated;
        if (withdrawnAt != null) {
            last = with(validated, "WITHDRAWN", validatedAt, withdrawnAt);
            history.add(pledgeEvent(last, ++version, "p2c.pledge.withdrawn.v1"));
        }
        pledges.add(last);
        reportsOf(last);
    }

    private Pledge content(UUID id, UUID entity, String status, Instant validatedAt, Instant withdrawnAt) {
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
        List<String> types = subset(TYPES, 1, 2);
        List<String> pillars = subset(PILLARS, 1, 3);
        List<String> focusAreas = pillars.stream().map(FOCUS_AREA::get).distinct().sorted().toList();
        BigDecimal usd = types.contains("FINANCIAL") || rnd.nextInt(3) == 0
                ? BigDecimal.valueOf(rnd.nextLong(500_000_000_000L), 2) : null;
        List<Integer> sdgs = new ArrayList<>(new TreeSet<>(List.of(1 + rnd.nextInt(17), 1 + rnd.nextInt(17))));
        LocalDate end = rnd.nextInt(15) == 0 ? null : LocalDate.of(2022, 6, 1).plusDays(rnd.nextInt(9 * 365));
        return new Pledge(id, entity, status, validatedAt, withdrawnAt, usd, List.copyOf(countries), List.copyOf(regions),
                types, pillars, focusAreas, ldc, lldc, sids, sdgs, subset(TARGETS, 0, 3), end);
    }

    private static Pledge with(Pledge p, String status, Instant validatedAt, Instant withdrawnAt) {
        return new Pledge(p.id(), p.entityId(), status, validatedAt, withdrawnAt, p.usd(), p.countries(), p.regions(),
                p.types(), p.pillars(), p.focusAreas(), p.ldc(), p.lldc(), p.sids(), p.sdgs(), p.targets(), p.endDate());
    }

    private Event pledgeEvent(Pledge p, long version, String type) {
        JsonObject data = new JsonObject().put("id", p.id().toString()).put("version", version)
                .put("reference", "P2C-2024-" + String.format("%05d", pledges.size()))
                .put("pledgerEntityId", p.entityId().toString()).put("status", p.status())
                .put("title", "Pledge " + p.id()).put("types", new JsonArray(p.types()))
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
                .put("revision", 1).put("submittedAt", "2021-12-15T00:00:00Z")
                .put("validatedAt", p.validatedAt() == null ? null : p.validatedAt().toString())
                .put("revisedAt", null)
                .put("withdrawnAt", p.withdrawnAt() == null ? null : p.withdrawnAt().toString())
                .put("updatedAt", (p.withdrawnAt() != null ? p.withdrawnAt() : p.validatedAt() != null ? p.validatedAt() : START).toString())
                .put("imported", false);
        return new Event("pledges", p.id(), uuid(), type, data);
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
