package org.p2c.reporting.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** An optional measured result: what is counted, in which unit, from where to where, and where it stands. */
@Schema(name = "ResultIndicator")
public record ResultIndicator(
        @NotBlank @Size(max = 300) @Schema(example = "Schools connected") String name,
        @Size(max = 50) @Schema(nullable = true, example = "schools") String unit,
        @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING)
        @Schema(type = SchemaType.STRING, format = "decimal", nullable = true, example = "0") BigDecimal baseline,
        @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING)
        @Schema(type = SchemaType.STRING, format = "decimal", nullable = true, example = "1000") BigDecimal target,
        @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING)
        @Schema(type = SchemaType.STRING, format = "decimal", nullable = true, example = "420") BigDecimal actual) {
}
