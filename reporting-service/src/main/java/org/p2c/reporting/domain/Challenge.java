package org.p2c.reporting.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One challenge category with the pledger's own words. */
@Schema(name = "Challenge")
public record Challenge(
        @NotNull @Schema(example = "NATURAL_DISASTERS") ChallengeCategory category,
        @NotBlank @Size(max = 5000) @Schema(example = "Floods in the north-west delayed site works by four months") String text) {
}
