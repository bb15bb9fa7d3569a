package org.p2c.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.p2c.reporting.api.ReportRequests.NewReport;
import org.p2c.reporting.api.ReportRequests.ReportContent;
import org.p2c.reporting.domain.Challenge;
import org.p2c.reporting.domain.CompletionStatus;
import org.p2c.reporting.domain.KnownEntity;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.reporting.domain.ReportStatus;
import org.p2c.reporting.domain.Solution;
import org.p2c.reporting.events.ReportEvents;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Versions;
import org.p2c.support.money.ReferenceRates;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.UnknownReference;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The report use cases that change something. Drafts are private to the pledger and publish no event; a submission
 * commits the report, the supersession of the report it corrects, and their events together.
 */
@ApplicationScoped
public class ReportLifecycle {

    /**
     * Where a report's content sits in the request, so that the rules checked here name a field as bean validation
     * does, from the request's root: its {@code content} field (a new report, an item of a partner's batch), or the
     * body itself (PUT of a draft; a submission, which has no body, names the fields of the report).
     */
    public static final String CONTENT_IS_BODY = "";
    public static final String CONTENT_FIELD = "content";

    private static String field(String contentAt, String name) {
        return contentAt.isEmpty() ? name : contentAt + "." + name;
    }

    private final Reporters reporters;
    private final ReportAccess access;
    private final ReportEvents events;
    private final ReportingSchedules schedules;
    private final ReferenceRates rates;
    private final Clock clock;

    public ReportLifecycle(Reporters reporters, ReportAccess access, ReportEvents events, ReportingSchedules schedules,
                           ReferenceRates rates, Clock clock) {
        this.reporters = reporters;
        this.access = access;
        this.events = events;
        this.schedules = schedules;
        this.rates = rates;
        this.clock = clock;
    }

    @Transactional
    public ProgressReport draft(NewReport request, Caller caller) {
        KnownPledge pledge = requireReportable(request.pledgeId(), "pledgeId", caller);
        check(request.content(), CONTENT_FIELD);
        if (request.supersedes() != null) {
            requireCorrectable(request.supersedes(), pledge.id);
        }
        Instant now = clock.instant();
        ProgressReport report = new ProgressReport();
        report.id = UUID.randomUUID();
        report.pledgeId = pledge.id;
        report.pledgerEntityId = pledge.pledgerEntityId;
        report.status = ReportStatus.DRAFT;
        report.supersedes = request.supersedes();
        report.createdAt = now;
        report.createdBy = caller.actor();
        report.updatedAt = now;
        apply(report, request.content(), CONTENT_FIELD);
        report.persist();
        return report;
    }

    /** {@code contentAt}: where the content sits in the request ({@link #CONTENT_IS_BODY} or {@link #CONTENT_FIELD}). */
    @Transactional
    public ProgressReport edit(UUID id, ReportContent content, String contentAt, String ifMatch, Caller caller) {
        ProgressReport report = access.loadForWriting(id, caller);
        report.requireDraft();
        Versions.requireMatch(ifMatch, report.version);
        check(content, contentAt);
        apply(report, content, contentAt);
        report.updatedAt = clock.instant();
        return report;
    }

    /** The pledger submits a draft: from now on it is immutable, and the report it corrects is superseded. */
    @Transactional
    public ProgressReport submit(UUID id, String contentAt, Caller caller) {
        ProgressReport report = access.loadForWriting(id, caller);
        report.requireDraft();
        requireReportable(report.pledgeId, "pledgeId", caller);
        requireComplete(report, contentAt);
        ProgressReport corrected = report.supersedes == null ? null : requireCorrectable(report.supersedes, report.pledgeId);
        Instant now = clock.instant();
        report.submit(now, caller.actor());
        events.submitted(report);
        if (corrected != null) {
            corrected.supersededBy(report, now);
            events.superseded(corrected);
        }
        // A submission (a correction too) restarts the cadence from its day.
        schedules.refresh(report.pledgeId);
        return report;
    }

    /** A draft that will not be submitted may be discarded; submitted reports stay forever. */
    @Transactional
    public void discard(UUID id, String ifMatch, Caller caller) {
        ProgressReport report = access.loadForWriting(id, caller);
        report.requireDraft();
        Versions.requireMatch(ifMatch, report.version);
        report.delete();
    }

    /**
     * The pledge the caller wants to report on: known to this service, of an entity the caller acts for (otherwise
     * absent, 404), validated and not withdrawn (otherwise 409).
     *
     * <p>A pledge validated a moment ago (or its entity) may not have reached this service's views yet. Rather than
     * answer 404 for a pledge that exists, an unknown pledge is an {@link UnknownReference} naming {@code field}: the
     * request waits a bounded time for the views (service-support's {@code ViewCatchUp}), as pledge-service does for
     * new entities, and a pledge they never learn of is a 422.
     */
    private KnownPledge requireReportable(UUID pledgeId, String field, Caller caller) {
        if (!isKnown(pledgeId)) {
            throw UnknownReference.inBody(field, "pledge", () -> isKnown(pledgeId));
        }
        KnownPledge pledge = KnownPledge.findById(pledgeId);
        if (!reporters.actsFor(pledge.pledgerEntityId, caller)) {
            throw ProblemException.notFound("Pledge " + pledgeId);
        }
        if (KnownPledge.WITHDRAWN.equals(pledge.status)) {
            throw ProblemException.conflict("Pledge " + pledgeId + " was withdrawn; it takes no more progress reports");
        }
        if (!pledge.isValidated()) {
            throw ProblemException.conflict("Pledge " + pledgeId + " is " + pledge.status
                    + "; progress is reported on validated pledges only");
        }
        return pledge;
    }

    /** The pledge and its entity are both in this service's views (they arrive on two topics, in either order). */
    private static boolean isKnown(UUID pledgeId) {
        KnownPledge pledge = KnownPledge.findById(pledgeId);
        return pledge != null && KnownEntity.findById(pledge.pledgerEntityId) != null;
    }

    /** The report a correction supersedes: a submitted report of the same pledge that no correction replaced yet. */
    private static ProgressReport requireCorrectable(UUID reportId, UUID pledgeId) {
        ProgressReport corrected = ProgressReport.findById(reportId);
        if (corrected == null || !corrected.pledgeId.equals(pledgeId)) {
            throw ProblemException.invalidField(422, "supersedes", "is not a report of this pledge");
        }
        if (corrected.status == ReportStatus.DRAFT) {
            throw ProblemException.conflict("Report " + reportId + " is a draft: edit it instead of correcting it");
        }
        if (corrected.status == ReportStatus.SUPERSEDED) {
            throw ProblemException.conflict("Report " + reportId + " was already corrected by report "
                    + corrected.supersededBy + "; correct that one instead");
        }
        return corrected;
    }

    /** Rules across fields that hold for drafts too: a 400 names each field at fault. */
    private void check(ReportContent c, String contentAt) {
        List<Problem.Violation> violations = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (c.asOfDate().isAfter(today)) {
            violations.add(new Problem.Violation(field(contentAt, "asOfDate"), "must not be in the future"));
        }
        if (c.periodStart() != null && c.periodEnd() != null && c.periodEnd().isBefore(c.periodStart())) {
            violations.add(new Problem.Violation(field(contentAt, "periodEnd"), "must not be before periodStart"));
        }
        if (c.periodEnd() != null && c.periodEnd().isAfter(c.asOfDate())) {
            violations.add(new Problem.Violation(field(contentAt, "periodEnd"), "must not be after asOfDate"));
        }
        if (c.percentComplete() != null) {
            if (c.completionStatus() == CompletionStatus.COMPLETED && c.percentComplete() != 100) {
                violations.add(new Problem.Violation(field(contentAt, "percentComplete"), "a COMPLETED pledge is 100 percent complete"));
            }
            if (c.completionStatus() == CompletionStatus.NOT_STARTED && c.percentComplete() != 0) {
                violations.add(new Problem.Violation(field(contentAt, "percentComplete"), "a NOT_STARTED pledge is 0 percent complete"));
            }
        }
        Set<Object> seen = new HashSet<>();
        List<Challenge> challenges = orEmpty(c.challenges());
        for (int i = 0; i < challenges.size(); i++) {
            if (!seen.add(challenges.get(i).category())) {
                violations.add(new Problem.Violation(field(contentAt, "challenges[" + i + "].category"),
                        "names a category already listed; describe it in one entry"));
            }
        }
        seen.clear();
        List<Solution> solutions = orEmpty(c.solutions());
        for (int i = 0; i < solutions.size(); i++) {
            if (!seen.add(solutions.get(i).category())) {
                violations.add(new Problem.Violation(field(contentAt, "solutions[" + i + "].category"),
                        "names a category already listed; describe it in one entry"));
            }
        }
        List<String> links = orEmpty(c.evidenceLinks());
        for (int i = 0; i < links.size(); i++) {
            if (!isHttpsLink(links.get(i))) {
                violations.add(new Problem.Violation(field(contentAt, "evidenceLinks[" + i + "]"), "must be an https link with a host"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    violations.size() + " field(s) are invalid", violations);
        }
    }

    private static boolean isHttpsLink(String link) {
        try {
            URI uri = new URI(link);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }

    /** What a report needs before it is submitted: a 422 lists what is missing. */
    private static void requireComplete(ProgressReport r, String contentAt) {
        List<Problem.Violation> missing = new ArrayList<>();
        if (r.periodStart == null) {
            missing.add(new Problem.Violation(field(contentAt, "periodStart"), "is required to submit"));
        }
        if (r.periodEnd == null) {
            missing.add(new Problem.Violation(field(contentAt, "periodEnd"), "is required to submit"));
        }
        if (r.percentComplete == null) {
            missing.add(new Problem.Violation(field(contentAt, "percentComplete"), "is required to submit"));
        }
        if (r.achievements == null || r.achievements.isBlank()) {
            missing.add(new Problem.Violation(field(contentAt, "achievements"), "is required to submit"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-report", "Report incomplete",
                    "The report cannot be submitted until these fields are filled in", missing);
        }
    }

    private void apply(ProgressReport r, ReportContent c, String contentAt) {
        r.asOfDate = c.asOfDate();
        r.periodStart = c.periodStart();
        r.periodEnd = c.periodEnd();
        r.completionStatus = c.completionStatus();
        r.percentComplete = c.percentComplete();
        // The same reference rates as pledge values, so that a euro disbursed counts as a euro pledged.
        r.amountDisbursed(c.amountDisbursed() == null ? null : rates.normalise(c.amountDisbursed(), field(contentAt, "amountDisbursed")));
        r.peopleReached = c.peopleReached();
        r.achievements = c.achievements();
        r.challenges = orEmpty(c.challenges()).stream()
                .sorted(Comparator.comparing(Challenge::category)).toList();
        r.challengeCategories = r.challenges.stream().map(ch -> ch.category().name()).toList();
        r.solutions = orEmpty(c.solutions()).stream()
                .sorted(Comparator.comparing(Solution::category)).toList();
        r.solutionCategories = r.solutions.stream().map(s -> s.category().name()).toList();
        r.revisedEndDate = c.revisedEndDate();
        r.evidenceLinks = List.copyOf(orEmpty(c.evidenceLinks()));
        r.resultIndicators = List.copyOf(orEmpty(c.resultIndicators()));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
