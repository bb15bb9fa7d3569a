package org.p2c.reporting.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One solution category with the pledger's own words. */
@Schema(name = "Solution")
public record Solution(
        @NotNull @Schema(example = "PARTNERSHIPS") SolutionCategory category,
        @NotBlank @Size(max = 5000) @Schema(example = "A satellite operator covers the sites until the fibre is repaired") String text) {
}
