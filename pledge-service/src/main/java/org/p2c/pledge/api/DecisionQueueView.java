package org.p2c.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.pledge.service.DecisionQueue;
import org.p2c.support.api.Link;
import org.p2c.support.api.Waiting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Secretariat's queue as the API shows it: one page of what awaits a decision, and the counts beside it. */
@Schema(name = "PledgeQueue", description = "What awaits the Secretariat's decision, oldest first, with counts under the same filters")
public record DecisionQueueView(
        @Schema(description = "The items of this page, oldest first unless sort says otherwise") List<Item> items,
        @Schema(description = "The page, counted from 0", example = "0") int page,
        @Schema(description = "Items per page, 1 to 100", example = "20") int size,
        @Schema(description = "Items awaiting a decision under the filters", example = "2") long totalItems,
        @Schema(example = "1") int totalPages,
        Counts counts) {

    @Schema(name = "PledgeQueueItem", example = """
            {"kind": "SUBMITTED_PLEDGE", "pledgeId": "3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c", "reference": "P2C-2024-00042",
             "title": "Connect 500 rural schools in Cambodia", "pledgerEntityId": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
             "pledgerEntityName": "Ministry of Posts and Telecommunications", "stakeholderType": "GOVERNMENT",
             "headquartersCountry": "KHM", "pillars": ["INFRASTRUCTURE"], "countries": ["KHM"], "regions": ["ASIA_PACIFIC"],
             "submittedAt": "2024-07-08T09:30:00Z",
             "waiting": {"since": "2024-07-08T09:30:00Z", "duration": "PT51H3M20S", "seconds": 183800},
             "links": {"pledge": {"method": "GET", "href": "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c"},
                       "history": {"method": "GET", "href": "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c/history"},
                       "validate": {"method": "POST", "href": "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c/validation"},
                       "returnForRevision": {"method": "POST", "href": "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c/return"},
                       "reject": {"method": "POST", "href": "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c/rejection"}}}""")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            @Schema(description = "A submitted pledge (first submission, or again after a return), or the submitted revision of a validated pledge")
            DecisionQueue.Kind kind,
            UUID pledgeId,
            @Schema(example = "P2C-2024-00042") String reference,
            @Schema(description = "The pledge's title; for a pending revision, the validated one") String title,
            UUID pledgerEntityId,
            @Schema(nullable = true, description = "Absent while pledge-service has not yet heard of the entity") String pledgerEntityName,
            @Schema(nullable = true, description = "The pledger entity's stakeholder type") String stakeholderType,
            @Schema(nullable = true, description = "The pledger entity's headquarters country") String headquartersCountry,
            List<String> pillars,
            List<String> countries,
            List<String> regions,
            @Schema(description = "When the pledge was last submitted") Instant submittedAt,
            @Schema(description = "Since when it waits: its submission, or for a pending revision the revision's") Waiting waiting,
            Decisions links) {
    }

    /** Where to read the pledge and the three decisions that already exist, the same operations for both kinds. */
    @Schema(name = "PledgeDecisionLinks")
    public record Decisions(Link pledge, Link history, Link validate, Link returnForRevision, Link reject) {

        static Decisions of(UUID pledge) {
            String at = "/api/v1/pledges/" + pledge;
            return new Decisions(Link.get(at), Link.get(at + "/history"), Link.post(at + "/validation"),
                    Link.post(at + "/return"), Link.post(at + "/rejection"));
        }
    }

    @Schema(name = "PledgeQueueCounts", description = "Under the same filters (the kind aside): pledges per status the "
            + "Secretariat sees (never drafts), and the revisions awaiting a decision", example = """
            {"submitted": 1, "pendingRevisions": 1, "returnedForRevision": 0, "validated": 12, "rejected": 1, "withdrawn": 0}""")
    public record Counts(long submitted, long pendingRevisions, long returnedForRevision, long validated, long rejected,
                         long withdrawn) {

        static Counts of(Map<PledgeStatus, Long> byStatus, long pendingRevisions) {
            return new Counts(byStatus.get(PledgeStatus.SUBMITTED), pendingRevisions,
                    byStatus.get(PledgeStatus.RETURNED_FOR_REVISION), byStatus.get(PledgeStatus.VALIDATED),
                    byStatus.get(PledgeStatus.REJECTED), byStatus.get(PledgeStatus.WITHDRAWN));
        }
    }

    static DecisionQueueView of(DecisionQueue.Queue queue, Instant now) {
        List<Item> items = queue.page().items().stream().map(e -> new Item(e.kind(), e.pledge().id, e.pledge().reference,
                e.pledge().title, e.pledge().pledgerEntityId, e.pledger() == null ? null : e.pledger().name,
                e.pledger() == null ? null : e.pledger().stakeholderType,
                e.pledger() == null ? null : e.pledger().headquartersCountry, e.pledge().pillars, e.pledge().countries,
                e.pledge().regions, e.pledge().submittedAt, Waiting.of(e.waitingSince(), now), Decisions.of(e.pledge().id)))
                .toList();
        var page = queue.page();
        return new DecisionQueueView(items, page.page(), page.size(), page.totalItems(), page.totalPages(),
                Counts.of(queue.byStatus(), queue.pendingRevisions()));
    }
}
