package org.p2c.entity.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.entity.domain.MemberRole;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.support.api.Codes;

/** The bodies the entity API accepts. Country codes are read in any case and checked against the catalogue by the use case. */
public final class EntityRequests {

    private EntityRequests() {
    }

    @Schema(name = "FocalPointContact")
    public record FocalPointContact(
            @NotBlank @Size(max = 200) @Schema(example = "Amina Diallo") String name,
            @NotBlank @Email @Size(max = 320) @Schema(example = "amina.diallo@example.org") String email,
            @Size(max = 40) @Pattern(regexp = "^[+0-9 ()\\-]*$", message = "must be a phone number")
            @Schema(example = "+855 23 000 000") String phone) {
    }

    @Schema(name = "EntityProfile", description = "An entity's profile, as registered or updated")
    public record EntityProfile(
            @NotBlank @Size(max = 300) @Schema(example = "Ministry of Posts and Telecommunications") String name,
            @Size(max = 30) @Schema(example = "MPTC") String acronym,
            @NotNull @Schema(example = "GOVERNMENT") StakeholderType stakeholderType,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 3166-1 alpha-3 code") @Size(max = 3)
            @Schema(example = "KHM") String headquartersCountry,
            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            @Schema(example = "https://www.mptc.gov.kh") String website,
            @Size(max = 5000) String description,
            @NotNull @Valid FocalPointContact focalPoint) {

        public EntityProfile {
            headquartersCountry = Codes.upperCase(headquartersCountry);
        }
    }

    @Schema(name = "StatusChange", description = "The reason for a Secretariat decision")
    public record StatusChange(@Size(max = 2000) @Schema(example = "Registration documents verified") String reason) {
    }

    @Schema(name = "Rejection")
    public record Rejection(@NotBlank @Size(max = 2000) @Schema(example = "Not an organisation") String reason) {
    }

    @Schema(name = "NewMember", description = "A person to add: by ITU account subject, or by e-mail as an invitation")
    public record NewMember(
            @Size(max = 255) @Schema(example = "3f1c2a9e-8d5b-4a7e-9f3c-2b1d0e6a7c55") String subject,
            @Email @Size(max = 320) @Schema(example = "colleague@example.org") String email,
            @Schema(example = "MEMBER") MemberRole role) {
    }

    @Schema(name = "FocalPointHandover")
    public record FocalPointHandover(@NotNull @Schema(example = "3b7c…") java.util.UUID memberId) {
    }

    @Schema(name = "PartnerClientBinding")
    public record PartnerClientBinding(
            @NotBlank @Size(max = 255) @Pattern(regexp = "^[A-Za-z0-9._:-]+$", message = "must be an OIDC client id")
            @Schema(example = "partner-gsma-demo") String clientId) {
    }
}
