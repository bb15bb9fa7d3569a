package org.p2c.entity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.p2c.entity.api.EntityRequests.EntityProfile;
import org.p2c.entity.api.EntityRequests.NewMember;
import org.p2c.entity.domain.EntityAction;
import org.p2c.entity.domain.EntityHistoryEntry;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.MemberRole;
import org.p2c.entity.domain.Membership;
import org.p2c.entity.domain.PartnerClient;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.reference.CountryCatalogue;
import org.p2c.entity.events.EntityEvents;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Versions;
import org.p2c.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The entity use cases that change something: each one commits its change, its history line and its event together. */
@ApplicationScoped
public class EntityRegistry {

    private final EntityAccess access;
    private final EntityEvents events;
    private final CountryCatalogue countries;

    public EntityRegistry(EntityAccess access, EntityEvents events, CountryCatalogue countries) {
        this.access = access;
        this.events = events;
        this.countries = countries;
    }

    /** Any signed-in person registers an entity and becomes its focal point; the Secretariat then verifies it. */
    @Transactional
    public PledgerEntity register(EntityProfile profile, Caller caller) {
        if (!caller.isPerson()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Entities are registered by people, not by partner systems");
        }
        requireKnownCountry(profile.headquartersCountry());
        Instant now = Instant.now();
        PledgerEntity entity = new PledgerEntity();
        entity.id = UUID.randomUUID();
        apply(entity, profile);
        entity.status = EntityStatus.PENDING_VERIFICATION;
        entity.registeredAt = now;
        entity.registeredBy = caller.subject();
        entity.updatedAt = now;
        Membership focalPoint = new Membership();
        focalPoint.id = UUID.randomUUID();
        focalPoint.entity = entity;
        focalPoint.subject = caller.subject();
        focalPoint.email = caller.verifiedEmail().orElse(null);
        focalPoint.displayName = caller.displayName();
        focalPoint.role = MemberRole.FOCAL_POINT;
        focalPoint.addedAt = now;
        focalPoint.addedBy = caller.subject();
        entity.members.add(focalPoint);
        entity.persist();
        EntityHistoryEntry.record(entity, EntityAction.REGISTERED, null, caller.actor(), null);
        events.changed(entity, EntityAction.REGISTERED);
        return entity;
    }

    @Transactional
    public PledgerEntity update(UUID id, EntityProfile profile, String ifMatch, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireFocalPointOrSecretariat(entity, caller);
        Versions.requireMatch(ifMatch, entity.version);
        requireKnownCountry(profile.headquartersCountry());
        apply(entity, profile);
        return record(entity, EntityAction.UPDATED, caller, null);
    }

    /** A Secretariat decision: verify, reject, suspend or reinstate. */
    @Transactional
    public PledgerEntity decide(UUID id, EntityAction decision, String reason, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireSecretariat(entity, caller);
        return record(entity, decision, caller, reason);
    }

    @Transactional
    public Membership addMember(UUID id, NewMember request, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireFocalPointOrSecretariat(entity, caller);
        boolean bySubject = request.subject() != null && !request.subject().isBlank();
        boolean byEmail = request.email() != null && !request.email().isBlank();
        if (bySubject == byEmail) {
            throw new ProblemException(400, "validation", "Invalid request", "Name the person by subject or by email, not both",
                    List.of(new org.p2c.support.problem.Problem.Violation("subject", "give exactly one of subject and email")));
        }
        String email = byEmail ? request.email().trim().toLowerCase(Locale.ROOT) : null;
        boolean already = entity.members.stream().anyMatch(m ->
                (bySubject && request.subject().equals(m.subject)) || (byEmail && email.equals(m.email)));
        if (already) {
            throw ProblemException.conflict("This person is already a member or invited");
        }
        Membership member = new Membership();
        member.id = UUID.randomUUID();
        member.entity = entity;
        member.subject = bySubject ? request.subject().trim() : null;
        member.email = email;
        member.role = request.role() == null ? MemberRole.MEMBER : request.role();
        member.addedAt = Instant.now();
        member.addedBy = caller.actor();
        entity.members.add(member);
        record(entity, EntityAction.MEMBERSHIP_CHANGED, caller, "added " + (bySubject ? member.subject : email));
        return member;
    }

    @Transactional
    public void removeMember(UUID id, UUID memberId, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireFocalPointOrSecretariat(entity, caller);
        Membership member = entity.members.stream().filter(m -> m.id.equals(memberId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Member " + memberId));
        long focalPoints = entity.members.stream().filter(m -> m.isActive() && m.role == MemberRole.FOCAL_POINT).count();
        if (member.role == MemberRole.FOCAL_POINT && member.isActive() && focalPoints == 1) {
            throw ProblemException.conflict("The last focal point cannot be removed; hand the role over first");
        }
        entity.members.remove(member);
        record(entity, EntityAction.MEMBERSHIP_CHANGED, caller, "removed " + (member.subject != null ? member.subject : member.email));
    }

    /** The focal point passes the role to an active member and stays on as a member. */
    @Transactional
    public PledgerEntity handOverFocalPoint(UUID id, UUID memberId, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireFocalPointOrSecretariat(entity, caller);
        Membership successor = entity.members.stream().filter(m -> m.id.equals(memberId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Member " + memberId));
        if (!successor.isActive()) {
            throw ProblemException.conflict("An invitation that has not been accepted cannot become focal point");
        }
        entity.members.stream().filter(m -> m.role == MemberRole.FOCAL_POINT).forEach(m -> m.role = MemberRole.MEMBER);
        successor.role = MemberRole.FOCAL_POINT;
        return record(entity, EntityAction.MEMBERSHIP_CHANGED, caller, "focal point handed over to " + successor.subject);
    }

    @Transactional
    public PartnerClient bindPartnerClient(UUID id, String clientId, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireFocalPointOrSecretariat(entity, caller);
        PartnerClient existing = PartnerClient.findById(clientId);
        if (existing != null) {
            throw ProblemException.conflict("Client " + clientId + " is already bound to an entity");
        }
        PartnerClient client = new PartnerClient();
        client.clientId = clientId;
        client.entity = entity;
        client.boundAt = Instant.now();
        client.boundBy = caller.actor();
        entity.partnerClients.add(client);
        record(entity, EntityAction.PARTNER_CLIENT_BOUND, caller, clientId);
        return client;
    }

    @Transactional
    public void unbindPartnerClient(UUID id, String clientId, Caller caller) {
        PledgerEntity entity = load(id);
        access.requireFocalPointOrSecretariat(entity, caller);
        PartnerClient client = entity.partnerClients.stream().filter(c -> c.clientId.equals(clientId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Partner client " + clientId));
        entity.partnerClients.remove(client);
        record(entity, EntityAction.PARTNER_CLIENT_UNBOUND, caller, clientId);
    }

    /**
     * Binds the e-mail invitations waiting for this person's verified address to their account (first sign-in).
     * An invitation to an entity the person already belongs to is simply consumed.
     */
    @Transactional
    public void bindInvitations(Caller caller) {
        if (!caller.isPerson() || caller.verifiedEmail().isEmpty()) {
            return;
        }
        List<Membership> invitations = Membership.list("subject is null and email = ?1", caller.verifiedEmail().get());
        for (Membership invitation : invitations) {
            PledgerEntity entity = invitation.entity;
            if (entity.activeMembershipOf(caller.subject()).isPresent()) {
                entity.members.remove(invitation);
            } else {
                invitation.subject = caller.subject();
                invitation.displayName = caller.displayName();
            }
            record(entity, EntityAction.MEMBERSHIP_CHANGED, caller, "invitation accepted by " + caller.subject());
        }
    }

    private PledgerEntity record(PledgerEntity entity, EntityAction action, Caller caller, String reason) {
        EntityStatus from = entity.status;
        entity.transition(action, Instant.now());
        EntityHistoryEntry.record(entity, action, from, caller.actor(), reason);
        events.changed(entity, action);
        return entity;
    }

    static PledgerEntity load(UUID id) {
        PledgerEntity entity = PledgerEntity.findById(id);
        if (entity == null) {
            throw ProblemException.notFound("Entity " + id);
        }
        return entity;
    }

    private void requireKnownCountry(String alpha3) {
        if (!countries.isKnown(alpha3)) {
            throw ProblemException.invalidField(400, "headquartersCountry", "is not a country of the reference data");
        }
    }

    private static void apply(PledgerEntity entity, EntityProfile profile) {
        entity.rename(profile.name());
        entity.acronym = blankToNull(profile.acronym());
        entity.stakeholderType = profile.stakeholderType();
        entity.headquartersCountry = profile.headquartersCountry();
        entity.website = blankToNull(profile.website());
        entity.description = blankToNull(profile.description());
        entity.focalPointName = profile.focalPoint().name().trim();
        entity.focalPointEmail = profile.focalPoint().email().trim().toLowerCase(Locale.ROOT);
        entity.focalPointPhone = blankToNull(profile.focalPoint().phone());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
