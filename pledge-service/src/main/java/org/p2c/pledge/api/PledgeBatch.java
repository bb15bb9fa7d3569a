package org.p2c.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.support.api.BatchItem;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.support.problem.Problem;

import java.util.List;
import java.util.UUID;

/** A partner system's batch of pledges, and the answer: one result per item, in order. */
public final class PledgeBatch {

    public static final int MAX_ITEMS = 500;

    private PledgeBatch() {
    }

    @Schema(name = "PledgeBatch")
    public record Request(@NotNull @Size(min = 1, max = MAX_ITEMS)
                          // Read item by item: an item that cannot be read fails alone (service-support's BatchItem).
                          @Schema(type = SchemaType.ARRAY, implementation = Item.class) List<BatchItem<Item>> items) {
    }

    @Schema(name = "PledgeBatchItem", description = "Without pledgeId: a new draft. With pledgeId and version: an edit.")
    public record Item(
            @Schema(description = "The pledge to edit; absent for a new one") UUID pledgeId,
            @PositiveOrZero @Max(Long.MAX_VALUE) @Schema(description = "The version being edited (the ETag without quotes)") Long version,
            @Schema(description = "Submit the pledge for validation once saved") boolean submit,
            @jakarta.validation.Valid PledgeContent content) {
    }

    @Schema(name = "PledgeBatchItemOutcome", description = "What became of one item of the batch")
    public enum Outcome { CREATED, UPDATED, FAILED }

    @Schema(name = "PledgeBatchItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, Outcome outcome,
                             @Schema(nullable = true, description = "Absent when the item failed") UUID pledgeId,
                             @Schema(nullable = true, description = "Absent when the item failed") Long version,
                             @Schema(nullable = true, description = "Absent for a draft (given on first submission) or a failure") String reference,
                             @Schema(nullable = true, description = "Absent when the item failed") String status,
                             @Schema(nullable = true, description = "Only when the item failed") Problem problem) {
    }

    @Schema(name = "PledgeBatchResult", example = """
            {"created": 1, "updated": 1, "failed": 1, "results": [
              {"index": 0, "outcome": "CREATED", "pledgeId": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "version": 2,
               "reference": "P2C-2024-00043", "status": "SUBMITTED"},
              {"index": 1, "outcome": "UPDATED", "pledgeId": "3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c", "version": 8,
               "status": "VALIDATED"},
              {"index": 2, "outcome": "FAILED", "problem": {"type": "https://p2c.example/problems/validation",
               "title": "Invalid request", "status": 400, "detail": "1 field(s) are invalid",
               "violations": [{"field": "content.countries[1]", "message": "must be an ISO 3166-1 alpha-3 code"}]}}]}""")
    public record Result(int created, int updated, int failed, List<ItemResult> results) {
        public static Result of(List<ItemResult> results) {
            return new Result(count(results, Outcome.CREATED), count(results, Outcome.UPDATED),
                    count(results, Outcome.FAILED), results);
        }

        private static int count(List<ItemResult> results, Outcome outcome) {
            return (int) results.stream().filter(r -> r.outcome() == outcome).count();
        }
    }
}
