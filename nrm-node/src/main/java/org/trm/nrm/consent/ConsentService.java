package org.trm.nrm.consent;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.trm.model.code.ConsentScope;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.security.Caller;

/**
 * Consents. They name guardians and interpreters, so reading or writing them is audited like
 * personal data. {@link #covers} is what anything that shares or returns must ask first.
 */
@ApplicationScoped
public class ConsentService {
    static final String RESOURCE = "consent";

    @Inject
    ConsentRepository consents;

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Event<ConsentWithdrawn> withdrawals;

    @Transactional
    public Consent give(UUID caseId, ConsentCommand in) {
        CaseFile c = access.visible(caseId);
        if (in.scope().perCountry() != (in.country() != null)) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED,
                    "'country' is required for SHARE_WITH_COUNTRY and SHARE_IDENTITY_WITH_COUNTRY and only allowed there");
        }
        boolean guardianNamed = in.guardian() != null && !in.guardian().isBlank();
        if ((in.givenBy() == ConsentGiver.GUARDIAN) != guardianNamed) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'guardian' is required when givenBy is GUARDIAN and only then");
        }
        if (c.isChild() && in.givenBy() != ConsentGiver.GUARDIAN) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "a child's consent is given by a guardian");
        }
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.caseId = c.id;
        consent.scope = in.scope();
        consent.country = in.country();
        consent.givenBy = in.givenBy();
        consent.guardian = in.guardian();
        consent.interpreter = in.interpreter();
        consent.language = in.language();
        consent.givenAt = Objects.requireNonNullElseGet(in.givenAt(), Instant::now);
        consent.purpose = in.purpose();
        consent.dataCategories = in.dataCategories() == null ? null
                : in.dataCategories().stream().sorted().map(Enum::name).toArray(String[]::new);
        consent.validUntil = in.validUntil();
        if (consent.validUntil != null && consent.validUntil.isBefore(LocalDate.ofInstant(consent.givenAt, ZoneOffset.UTC))) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'validUntil' is before the consent was given");
        }
        consent.recordedBy = caller.name();
        consents.persist(consent);
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.CONSENT_GIVEN, scopeText(consent));
        return consent;
    }

    @Transactional
    public List<Consent> list(UUID caseId) {
        CaseFile c = access.visible(caseId);
        audit.record(c.id, RESOURCE, AuditAction.READ);
        return consents.list("caseId", Sort.by("givenAt"), c.id);
    }

    /** Withdraws a consent; withdrawing again changes nothing. */
    @Transactional
    public Consent withdraw(UUID caseId, UUID consentId) {
        CaseFile c = access.visible(caseId);
        Consent consent = consents.find("id = ?1 and caseId = ?2", consentId, c.id).firstResultOptional()
                .orElseThrow(() -> NrmException.notFound("consent"));
        if (consent.withdrawnAt == null) {
            consent.withdrawnAt = Instant.now();
            consent.withdrawnRecordedBy = caller.name();
            timeline.record(c.id, CaseEventType.CONSENT_WITHDRAWN, scopeText(consent));
            withdrawals.fire(new ConsentWithdrawn(c.id, consent.id, consent.scope, consent.country, consent.withdrawnAt));
        }
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        return consent;
    }

    /** Whether a valid consent of this scope (and country, for sharing) exists for the case. */
    public boolean covers(UUID caseId, ConsentScope scope, String country) {
        return valid(caseId, scope, country).isPresent();
    }

    /**
     * The latest valid consent of this scope (and country, for sharing): not withdrawn and not past
     * its {@code validUntil}. What anything that shares or returns must ask first.
     */
    public Optional<Consent> valid(UUID caseId, ConsentScope scope, String country) {
        List<Consent> found = consents.list("caseId = ?1 and scope = ?2 and withdrawnAt is null"
                + (country == null ? "" : " and country = ?3"), Sort.by("givenAt").descending(),
                country == null ? new Object[] { caseId, scope } : new Object[] { caseId, scope, country });
        return found.stream().filter(Consent::isValid).findFirst();
    }

    /**
     * The valid consent of this scope (and country, for sharing) that counts for the case: for a child,
     * only one its guardian gave (the case counts as a child's while its age is disputed).
     */
    public Optional<Consent> validFor(CaseFile c, ConsentScope scope, String country) {
        return valid(c.id, scope, country).filter(k -> !c.isChild() || k.givenBy == ConsentGiver.GUARDIAN);
    }

    private static String scopeText(Consent consent) {
        return consent.scope + (consent.country == null ? "" : " " + consent.country);
    }
}
