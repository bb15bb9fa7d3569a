package org.p2c.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.reporting.domain.ReportStatus;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;

import java.util.UUID;

/**
 * The object-level rules of progress reports.
 *
 * <ul>
 *   <li>The pledger entity's members and partner client see all of its reports, drafts included, in full.</li>
 *   <li>The Secretariat sees every submitted or superseded report in full, drafts excepted (as with pledges).</li>
 *   <li>Anyone sees the published part of a submitted, not superseded report of a public (validated) pledge.</li>
 *   <li>Anything else is 404, as if absent. Only the pledger's people write reports; the Secretariat gets 403.</li>
 * </ul>
 */
@ApplicationScoped
public class ReportAccess {

    /** How much of a report the caller sees. */
    public enum Visibility { FULL, PUBLISHED, NONE }

    private final Reporters reporters;

    public ReportAccess(Reporters reporters) {
        this.reporters = reporters;
    }

    public boolean reportsFor(UUID entityId, Caller caller) {
        return reporters.actsFor(entityId, caller);
    }

    public Visibility visibility(ProgressReport report, KnownPledge pledge, Caller caller) {
        if (reporters.actsFor(report.pledgerEntityId, caller)
                || (caller.isSecretariat() && report.status != ReportStatus.DRAFT)) {
            return Visibility.FULL;
        }
        if (report.status == ReportStatus.SUBMITTED && pledge != null && pledge.isPublic()) {
            return Visibility.PUBLISHED;
        }
        return Visibility.NONE;
    }

    /** The pledge's report history as the caller may see it. */
    public Visibility historyVisibility(KnownPledge pledge, Caller caller) {
        if (reporters.actsFor(pledge.pledgerEntityId, caller)) {
            return Visibility.FULL;
        }
        if (caller.isSecretariat() && !"DRAFT".equals(pledge.status)) {
            return Visibility.FULL;
        }
        return pledge.isPublic() ? Visibility.PUBLISHED : Visibility.NONE;
    }

    public ProgressReport load(UUID id, Caller caller) {
        ProgressReport report = ProgressReport.findById(id);
        if (report == null || visibility(report, KnownPledge.findById(report.pledgeId), caller) == Visibility.NONE) {
            throw ProblemException.notFound("Report " + id);
        }
        return report;
    }

    /**
     * A report the caller is about to change: the pledger's people only. For anyone else it is absent (404), as a
     * report on a foreign pledge is; the Secretariat, which sees submitted reports, gets 403.
     */
    public ProgressReport loadForWriting(UUID id, Caller caller) {
        ProgressReport report = ProgressReport.findById(id);
        if (report == null) {
            throw ProblemException.notFound("Report " + id);
        }
        if (!reporters.actsFor(report.pledgerEntityId, caller)) {
            if (caller.isSecretariat() && report.status != ReportStatus.DRAFT) {
                throw new ProblemException(403, "forbidden", "Forbidden", "Only the pledger entity's people write its reports");
            }
            throw ProblemException.notFound("Report " + id);
        }
        return report;
    }
}
