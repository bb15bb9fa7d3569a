package org.p2c.pledge.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.pledge.domain.BeneficiaryGroup;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.ItuRegion;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.PledgeType;
import org.p2c.support.api.Codes;
import org.p2c.support.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The bodies the pledge API accepts; rules across fields (dates, GLOBAL vs places) are checked by the use case. */
public final class PledgeRequests {

    private PledgeRequests() {
    }

    @Schema(name = "PledgeContent", description = "What a pledge says, as drafted or edited")
    public record PledgeContent(
            @NotBlank @Size(max = 300) @Schema(example = "Connect 500 rural schools in Cambodia") String title,
            @Size(max = 10000) @Schema(nullable = true) String description,
            @Size(max = 5000) @Schema(nullable = true, example = "500 schools with at least 20 Mbit/s") String expectedImpact,
            @NotEmpty Set<@NotNull PledgeType> types,
            @NotEmpty Set<@NotNull Pillar> pillars,
            @Schema(description = "True for a pledge that targets the whole world") boolean global,
            @Size(max = 250) // ISO 3166-1 has 249 codes
            @Schema(nullable = true) List<@NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 3166-1 alpha-3 code") @Size(max = 3) String> countries,
            @Schema(nullable = true, description = "ITU regions named besides the countries' own") Set<@NotNull ItuRegion> regions,
            @Schema(nullable = true, example = "ASIA_PACIFIC") ItuRegion primaryRegion,
            @Schema(nullable = true) Set<@NotNull BeneficiaryGroup> beneficiaryGroups,
            @Size(max = 17) @Schema(nullable = true) Set<@NotNull @Min(1) @Max(17) Integer> sdgs,
            @jakarta.validation.Valid @Schema(nullable = true, description = "Estimated value as pledged; required to submit a FINANCIAL pledge")
            Money financialValue,
            @Schema(nullable = true, description = "Codes of the P2C targets the pledge addresses (GET /api/v1/p2c-targets)")
            @Size(max = 100) List<@NotNull @Size(max = 64) String> targets,
            @Schema(nullable = true, example = "2024-01-01") LocalDate startDate,
            @Schema(nullable = true, example = "2026-12-31") LocalDate endDate) {

        /** ISO 3166-1 alpha-3 codes are upper case: {@code khm} can only mean KHM. */
        public PledgeContent {
            countries = Codes.upperCase(countries);
        }
    }

    @Schema(name = "NewPledge")
    public record NewPledge(
            @Schema(description = "The pledger entity, one the caller acts for. May be left out by a caller who acts "
                    + "for exactly one entity (a partner system, or a person of one entity): the pledge is then that "
                    + "entity's. A caller who acts for several must name one.")
            UUID pledgerEntityId,
            @NotNull @jakarta.validation.Valid PledgeContent content) {
    }

    @Schema(name = "Decision", description = "The Secretariat's comment on a return or the reason of a rejection")
    public record Decision(@NotBlank @Size(max = 5000) @Schema(example = "Please quantify the expected impact") String comment) {
    }

    @Schema(name = "Remark", description = "An optional comment on a transition")
    public record Remark(@Size(max = 5000) String comment) {
    }

    @Schema(name = "CollaboratorInvitation", description = "Invite another entity into the pledge with a role")
    public record Invitation(@NotNull UUID entityId, @NotNull @Schema(example = "IMPLEMENT") Collaborator.Role role) {
    }
}
