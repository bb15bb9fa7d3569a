package org.p2c.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.support.api.BatchItem;
import org.p2c.reporting.api.ReportRequests.ReportContent;
import org.p2c.support.problem.Problem;

import java.util.List;
import java.util.UUID;

/** A partner system's batch of progress reports, and the answer: one result per item, in order. */
public final class ReportBatch {

    public static final int MAX_ITEMS = 500;

    private ReportBatch() {
    }

    @Schema(name = "ReportBatch")
    public record Request(@NotNull @Size(min = 1, max = MAX_ITEMS)
                          // Read item by item: an item that cannot be read fails alone (service-support's BatchItem).
                          @Schema(type = SchemaType.ARRAY, implementation = Item.class) List<BatchItem<Item>> items) {
    }

    @Schema(name = "ReportBatchItem",
            description = "Without reportId: a new draft on pledgeId (a correction with supersedes). With reportId and version: an edit of a draft.")
    public record Item(
            @Schema(description = "The draft to edit; absent for a new report") UUID reportId,
            @PositiveOrZero @Max(Long.MAX_VALUE) @Schema(description = "The version being edited (the ETag without quotes)") Long version,
            @Schema(description = "The pledge of a new report") UUID pledgeId,
            @Schema(description = "The submitted report a new report corrects") UUID supersedes,
            @Schema(description = "Submit the report once saved") boolean submit,
            @Valid ReportContent content) {
    }

    @Schema(name = "ReportBatchItemOutcome", description = "What became of one item of the batch")
    public enum Outcome { CREATED, UPDATED, FAILED }

    @Schema(name = "ReportBatchItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, Outcome outcome,
                             @Schema(nullable = true, description = "Absent when the item failed") UUID reportId,
                             @Schema(nullable = true, description = "Absent when the item failed") Long version,
                             @Schema(nullable = true, description = "Absent when the item failed") String status,
                             @Schema(nullable = true, description = "Only when the item failed") Problem problem) {
    }

    @Schema(name = "ReportBatchResult", example = """
            {"created": 1, "updated": 0, "failed": 1, "results": [
              {"index": 0, "outcome": "CREATED", "reportId": "d5e6f708-192a-4b3c-8d4e-5f6071829304", "version": 1,
               "status": "SUBMITTED"},
              {"index": 1, "outcome": "FAILED", "problem": {"type": "https://p2c.example/problems/incomplete-report",
               "title": "Report incomplete", "status": 422,
               "detail": "The report cannot be submitted until these fields are filled in",
               "violations": [{"field": "content.achievements", "message": "is required to submit"}]}}]}""")
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
