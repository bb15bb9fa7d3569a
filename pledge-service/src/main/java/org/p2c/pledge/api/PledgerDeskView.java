package org.p2c.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.pledge.service.PledgerDesk;
import org.p2c.support.api.Link;
import org.p2c.support.api.PageView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** A pledger's desk as the API shows it: their entities' pledges, the invitations waiting, and where reports stand. */
@Schema(name = "PledgerDesk", description = "What awaits a pledger: the pledges of the caller's entities, invitations "
        + "to answer, and the link to the reports due", example = "{\"pledges\": {\"items\": [" + PledgerDeskView.ITEM_EXAMPLE
        + "], \"page\": 0, \"size\": 20, \"totalItems\": 1, \"totalPages\": 1}, \"counts\": " + PledgerDeskView.COUNTS_EXAMPLE
        + ", \"invitations\": [" + PledgerDeskView.INVITATION_EXAMPLE + "], \"reportsToDo\": {\"method\": \"GET\", "
        + "\"href\": \"/api/v1/reports/compliance/to-do\"}}")
public record PledgerDeskView(
        @Schema(description = "One page of the pledges of the caller's entities, most recently changed first") PageView<Item> pledges,
        Counts counts,
        @Schema(description = "Invitations waiting for one of the caller's entities to answer, oldest first (at most 100)")
        List<InvitationView> invitations,
        @Schema(description = "reporting-service's list of the progress reports due or overdue for the caller's entities")
        Link reportsToDo) {

    static final String REPORTS_TO_DO = "/api/v1/reports/compliance/to-do";
    static final String ITEM_EXAMPLE = "{\"pledge\": " + PledgeView.EXAMPLE + "}";
    static final String COUNTS_EXAMPLE = """
            {"draft": 2, "submitted": 1, "returnedForRevision": 1, "validated": 4, "rejected": 0, "withdrawn": 0, "pendingRevisions": 1}""";
    static final String INVITATION_EXAMPLE = """
            {"pledgeId": "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "reference": "P2C-2024-00051",
             "title": "Community networks in Kep", "status": "SUBMITTED", "pledgerEntityId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
             "pledgerEntityName": "GSMA", "invitedEntityId": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "role": "IMPLEMENT",
             "invitedAt": "2024-07-09T10:00:00Z",
             "links": {"pledge": {"method": "GET", "href": "/api/v1/pledges/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
                       "accept": {"method": "POST", "href": "/api/v1/pledges/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/collaborators/0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b/acceptance"},
                       "decline": {"method": "POST", "href": "/api/v1/pledges/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/collaborators/0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b/refusal"}}}""";

    @Schema(name = "PledgerDeskItem", example = ITEM_EXAMPLE)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            @Schema(description = "The pledge as its people see it: invitations and the pending revision included") PledgeView pledge,
            @Schema(nullable = true, description = "While the pledge (or its revision) is returned for revision: the "
                    + "Secretariat's comment and when it returned it") Returned returned) {
    }

    @Schema(name = "SecretariatReturn", example = """
            {"comment": "Please quantify the expected impact", "at": "2024-07-10T11:00:00Z"}""")
    public record Returned(String comment, Instant at) {
    }

    @Schema(name = "PledgerDeskCounts", description = "The caller's entities' pledges per status (the status filter "
            + "aside), and how many validated ones have a revision under way", example = """
            {"draft": 2, "submitted": 1, "returnedForRevision": 1, "validated": 4, "rejected": 0, "withdrawn": 0, "pendingRevisions": 1}""")
    public record Counts(long draft, long submitted, long returnedForRevision, long validated, long rejected,
                         long withdrawn, long pendingRevisions) {

        static Counts of(Map<PledgeStatus, Long> s, long pendingRevisions) {
            return new Counts(s.get(PledgeStatus.DRAFT), s.get(PledgeStatus.SUBMITTED),
                    s.get(PledgeStatus.RETURNED_FOR_REVISION), s.get(PledgeStatus.VALIDATED), s.get(PledgeStatus.REJECTED),
                    s.get(PledgeStatus.WITHDRAWN), pendingRevisions);
        }
    }

    @Schema(name = "PledgeInvitation", example = INVITATION_EXAMPLE)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvitationView(
            UUID pledgeId,
            @Schema(nullable = true, description = "Absent until the pledge is first submitted") String reference,
            String title,
            PledgeStatus status,
            UUID pledgerEntityId,
            @Schema(nullable = true, description = "Absent while pledge-service has not yet heard of the entity") String pledgerEntityName,
            @Schema(description = "The caller's entity that is invited") UUID invitedEntityId,
            Collaborator.Role role,
            @Schema(nullable = true) Instant invitedAt,
            AnswerLinks links) {
    }

    @Schema(name = "InvitationAnswerLinks")
    public record AnswerLinks(Link pledge, Link accept, Link decline) {
    }

    static PledgerDeskView of(PledgerDesk.Desk desk, Function<org.p2c.pledge.domain.Pledge, PledgeView> insiderView) {
        PageView<Item> pledges = desk.page().map(e -> new Item(insiderView.apply(e.pledge()),
                e.lastReturn() == null ? null : new Returned(e.lastReturn().comment(), e.lastReturn().at())));
        List<InvitationView> invitations = desk.invitations().stream().map(i -> {
            String at = "/api/v1/pledges/" + i.pledge().id;
            String answer = at + "/collaborators/" + i.invitation().entityId();
            return new InvitationView(i.pledge().id, i.pledge().reference, i.pledge().title, i.pledge().status,
                    i.pledge().pledgerEntityId, i.pledger() == null ? null : i.pledger().name, i.invitation().entityId(),
                    i.invitation().role(), i.invitation().invitedAt(),
                    new AnswerLinks(Link.get(at), Link.post(answer + "/acceptance"), Link.post(answer + "/refusal")));
        }).toList();
        return new PledgerDeskView(pledges, Counts.of(desk.byStatus(), desk.pendingRevisions()), invitations,
                Link.get(REPORTS_TO_DO));
    }
}
