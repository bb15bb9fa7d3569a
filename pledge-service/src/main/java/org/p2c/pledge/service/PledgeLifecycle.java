package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.p2c.pledge.api.PledgeRequests.NewPledge;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.pledge.domain.P2cTarget;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.pledge.domain.PledgeHistoryEntry;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.pledge.events.PledgeEvents;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Versions;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The pledge use cases that change something: each commits its change, its history line and its event together. */
@ApplicationScoped
public class PledgeLifecycle {

    private static final Set<String> ISO_ALPHA3 = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

    private final Pledgers pledgers;
    private final PledgeAccess access;
    private final PledgeEvents events;
    private final EntityManager em;

    public PledgeLifecycle(Pledgers pledgers, PledgeAccess access, PledgeEvents events, EntityManager em) {
        this.pledgers = pledgers;
        this.access = access;
        this.events = events;
        this.em = em;
    }

    @Transactional
    public Pledge draft(NewPledge request, Caller caller) {
        pledgers.requireActingFor(request.pledgerEntityId(), caller);
        check(request.content());
        Instant now = Instant.now();
        Pledge pledge = new Pledge();
        pledge.id = UUID.randomUUID();
        pledge.pledgerEntityId = request.pledgerEntityId();
        pledge.status = PledgeStatus.DRAFT;
        pledge.createdAt = now;
        pledge.createdBy = caller.actor();
        pledge.updatedAt = now;
        apply(pledge, request.content());
        pledge.persist();
        PledgeHistoryEntry.record(pledge, PledgeAction.DRAFTED, null, caller.actor(), null);
        events.changed(pledge, PledgeAction.DRAFTED);
        return pledge;
    }

    @Transactional
    public Pledge edit(UUID id, PledgeContent content, String ifMatch, Caller caller) {
        Pledge pledge = access.load(id, caller);
        access.requirePledger(pledge, caller);
        Versions.requireMatch(ifMatch, pledge.version);
        check(content);
        apply(pledge, content);
        return record(pledge, PledgeAction.EDITED, caller, null);
    }

    /** Pledger actions (submit, withdraw) and Secretariat decisions (validate, return, reject). */
    @Transactional
    public Pledge act(UUID id, PledgeAction action, String comment, Caller caller) {
        Pledge pledge = access.load(id, caller);
        if (action.actor() == PledgeAction.Actor.SECRETARIAT) {
            access.requireSecretariat(caller);
        } else {
            access.requirePledger(pledge, caller);
        }
        if (action == PledgeAction.SUBMITTED_FOR_VALIDATION) {
            requireComplete(pledge);
            if (pledge.reference == null) {
                pledge.reference = nextReference();
            }
        }
        if (action == PledgeAction.VALIDATED_BY_SECRETARIAT && pledge.status == PledgeStatus.SUBMITTED) {
            KnownEntity entity = KnownEntity.findById(pledge.pledgerEntityId);
            if (entity == null || !entity.isVerified()) {
                throw ProblemException.conflict("The pledger entity is not verified yet; verify it before validating its pledges");
            }
        }
        return record(pledge, action, caller, comment);
    }

    private Pledge record(Pledge pledge, PledgeAction action, Caller caller, String comment) {
        PledgeStatus from = pledge.status;
        pledge.transition(action, Instant.now());
        PledgeHistoryEntry.record(pledge, action, from, caller.actor(), comment);
        events.changed(pledge, action);
        return pledge;
    }

    private String nextReference() {
        int year = Year.now(ZoneOffset.UTC).getValue();
        Number number = (Number) em.createNativeQuery("""
                        insert into pledge_reference_counter (year, last) values (?1, 1)
                        on conflict (year) do update set last = pledge_reference_counter.last + 1
                        returning last""")
                .setParameter(1, year).getSingleResult();
        return "P2C-%d-%05d".formatted(year, number.intValue());
    }

    /** Rules across fields that hold for drafts too. */
    private static void check(PledgeContent c) {
        List<Problem.Violation> violations = new ArrayList<>();
        List<String> countries = c.countries() == null ? List.of() : c.countries();
        for (int i = 0; i < countries.size(); i++) {
            if (!ISO_ALPHA3.contains(countries.get(i))) {
                violations.add(new Problem.Violation("countries[" + i + "]", "is not an ISO 3166-1 alpha-3 code"));
            }
        }
        boolean places = !countries.isEmpty() || (c.regions() != null && !c.regions().isEmpty());
        if (c.global() && places) {
            violations.add(new Problem.Violation("global", "a GLOBAL pledge names no countries or regions"));
        }
        if (c.global() && c.primaryRegion() != null) {
            violations.add(new Problem.Violation("primaryRegion", "a GLOBAL pledge has no primary region"));
        }
        List<String> targets = c.targets() == null ? List.of() : c.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (P2cTarget.findById(targets.get(i)) == null) {
                violations.add(new Problem.Violation("targets[" + i + "]", "is not a code of the P2C targets catalogue"));
            }
        }
        if (c.startDate() != null && c.endDate() != null && c.endDate().isBefore(c.startDate())) {
            violations.add(new Problem.Violation("endDate", "must not be before startDate"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    violations.size() + " field(s) are invalid", violations);
        }
    }

    /** What a pledge needs before the Secretariat can look at it: a 422 lists what is missing. */
    private static void requireComplete(Pledge p) {
        List<Problem.Violation> missing = new ArrayList<>();
        if (p.description == null || p.description.isBlank()) {
            missing.add(new Problem.Violation("description", "is required to submit"));
        }
        if (p.expectedImpact == null || p.expectedImpact.isBlank()) {
            missing.add(new Problem.Violation("expectedImpact", "is required to submit"));
        }
        if (!p.global && p.countries.isEmpty() && p.regions.isEmpty()) {
            missing.add(new Problem.Violation("countries", "name countries or regions, or mark the pledge GLOBAL"));
        }
        if (!p.global && p.primaryRegion == null) {
            missing.add(new Problem.Violation("primaryRegion", "is required to submit a pledge that is not GLOBAL"));
        }
        if (p.startDate == null) {
            missing.add(new Problem.Violation("startDate", "is required to submit"));
        }
        if (p.endDate == null) {
            missing.add(new Problem.Violation("endDate", "is required to submit"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-pledge", "Pledge incomplete",
                    "The pledge cannot be submitted until these fields are filled in", missing);
        }
    }

    private static void apply(Pledge p, PledgeContent c) {
        p.title = c.title().trim();
        p.description = c.description();
        p.expectedImpact = c.expectedImpact();
        p.types = c.types().stream().map(Enum::name).sorted().toList();
        p.pillars = c.pillars().stream().map(Enum::name).sorted().toList();
        p.global = c.global();
        p.countries = c.countries() == null ? List.of() : c.countries().stream().distinct().sorted().toList();
        p.regions = c.regions() == null ? List.of() : c.regions().stream().map(Enum::name).sorted().toList();
        p.primaryRegion = c.primaryRegion();
        p.beneficiaryGroups = c.beneficiaryGroups() == null ? List.of()
                : c.beneficiaryGroups().stream().map(Enum::name).sorted().toList();
        p.sdgs = c.sdgs() == null ? List.of() : c.sdgs().stream().sorted().toList();
        p.targets = c.targets() == null ? List.of() : c.targets().stream().distinct().sorted().toList();
        p.startDate = c.startDate();
        p.endDate = c.endDate();
    }
}
