package org.p2c.entity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.ItuRegion;
import org.p2c.entity.service.VerificationQueue;
import org.p2c.support.api.Link;
import org.p2c.support.api.Waiting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The entities awaiting verification as the API shows them, with the counts beside the page. */
@Schema(name = "EntityQueue", description = "Entities pending verification, oldest first, with counts under the same filters")
public record VerificationQueueView(
        @Schema(description = "The items of this page, oldest first unless sort says otherwise") List<Item> items,
        @Schema(description = "The page, counted from 0", example = "0") int page,
        @Schema(description = "Items per page, 1 to 100", example = "20") int size,
        @Schema(description = "Entities pending verification under the filters", example = "1") long totalItems,
        @Schema(example = "1") int totalPages,
        Counts counts) {

    @Schema(name = "EntityQueueItem", example = """
            {"entityId": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "name": "Ministry of Posts and Telecommunications",
             "acronym": "MPTC", "stakeholderType": "GOVERNMENT", "headquartersCountry": "KHM", "ituRegion": "ASIA_PACIFIC",
             "registeredAt": "2024-03-04T08:12:30Z",
             "waiting": {"since": "2024-03-04T08:12:30Z", "duration": "PT53H52M30S", "seconds": 193950},
             "links": {"entity": {"method": "GET", "href": "/api/v1/entities/0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b"},
                       "history": {"method": "GET", "href": "/api/v1/entities/0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b/history"},
                       "verify": {"method": "POST", "href": "/api/v1/entities/0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b/verification"},
                       "reject": {"method": "POST", "href": "/api/v1/entities/0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b/rejection"}}}""")
    public record Item(UUID entityId, String name, @Schema(nullable = true) String acronym, StakeholderType stakeholderType,
                       String headquartersCountry,
                       @Schema(nullable = true, description = "Null when the country is not in the catalogue") ItuRegion ituRegion,
                       Instant registeredAt,
                       @Schema(description = "Since its registration") Waiting waiting,
                       Decisions links) {
    }

    /** Where to read the entity and the two decisions that already exist. */
    @Schema(name = "EntityDecisionLinks")
    public record Decisions(Link entity, Link history, Link verify, Link reject) {

        static Decisions of(UUID entity) {
            String at = "/api/v1/entities/" + entity;
            return new Decisions(Link.get(at), Link.get(at + "/history"), Link.post(at + "/verification"),
                    Link.post(at + "/rejection"));
        }
    }

    @Schema(name = "EntityQueueCounts", description = "Entities per status under the same filters", example = """
            {"pendingVerification": 1, "verified": 14, "rejected": 1, "suspended": 0}""")
    public record Counts(long pendingVerification, long verified, long rejected, long suspended) {
    }

    static VerificationQueueView of(VerificationQueue.Queue queue, Instant now, Function<String, ItuRegion> regionOf) {
        var page = queue.page();
        List<Item> items = page.items().stream().map((PledgerEntity e) -> new Item(e.id, e.name, e.acronym,
                e.stakeholderType, e.headquartersCountry, regionOf.apply(e.headquartersCountry), e.registeredAt,
                Waiting.of(e.registeredAt, now), Decisions.of(e.id))).toList();
        var s = queue.byStatus();
        return new VerificationQueueView(items, page.page(), page.size(), page.totalItems(), page.totalPages(),
                new Counts(s.get(EntityStatus.PENDING_VERIFICATION), s.get(EntityStatus.VERIFIED),
                        s.get(EntityStatus.REJECTED), s.get(EntityStatus.SUSPENDED)));
    }
}
