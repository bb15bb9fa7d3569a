package org.p2c.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.support.api.BatchItem;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.support.problem.Problem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Pledges taken over from the previous platform with their references and historical dates, and the per-item answer. */
public final class PledgeImport {

    public static final int MAX_ITEMS = 500;

    private PledgeImport() {
    }

    /** Where an imported pledge stood on the previous platform. */
    public enum ImportedStatus { SUBMITTED, VALIDATED, WITHDRAWN }

    @Schema(name = "PledgeImport")
    public record Request(@NotNull @Size(min = 1, max = MAX_ITEMS)
                          // Read item by item: an item that cannot be read fails alone (service-support's BatchItem).
                          @Schema(type = SchemaType.ARRAY, implementation = Item.class) List<BatchItem<Item>> items) {
    }

    @Schema(name = "PledgeImportItem", description = "One pledge of the previous platform: its reference, content and dates")
    public record Item(
            @NotNull UUID pledgerEntityId,
            @NotNull @Pattern(regexp = "^P2C-[0-9]{4}-[0-9]{5}$", message = "must look like P2C-2024-00933")
            @Size(max = 14) @Schema(example = "P2C-2022-00012") String reference,
            @NotNull ImportedStatus status,
            @NotNull @Schema(example = "2022-09-20T09:00:00Z") Instant submittedAt,
            @Schema(description = "Required for VALIDATED and WITHDRAWN", example = "2022-10-03T14:00:00Z") Instant validatedAt,
            @Schema(description = "Required for WITHDRAWN") Instant withdrawnAt,
            @NotNull @Valid PledgeContent content) {
    }

    @Schema(name = "PledgeImportItemOutcome", description = "What became of one legacy pledge of the import")
    public enum Outcome { IMPORTED, FAILED }

    @Schema(name = "PledgeImportItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, Outcome outcome,
                             @Schema(nullable = true, description = "Absent when the item itself was missing") String reference,
                             @Schema(nullable = true, description = "Absent when the item failed") UUID pledgeId,
                             @Schema(nullable = true, description = "Only when the item failed") Problem problem) {
    }

    @Schema(name = "PledgeImportResult", example = """
            {"imported": 1, "failed": 1, "results": [
              {"index": 0, "outcome": "IMPORTED", "reference": "P2C-2022-00012",
               "pledgeId": "8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b"},
              {"index": 1, "outcome": "FAILED", "reference": "P2C-2022-00013", "problem": {
               "type": "https://p2c.example/problems/conflict", "title": "Conflict", "status": 409,
               "detail": "Pledge P2C-2022-00013 already exists (imported before?)"}}]}""")
    public record Result(int imported, int failed, List<ItemResult> results) {
        public static Result of(List<ItemResult> results) {
            int imported = (int) results.stream().filter(r -> r.outcome() == Outcome.IMPORTED).count();
            return new Result(imported, results.size() - imported, results);
        }
    }
}
