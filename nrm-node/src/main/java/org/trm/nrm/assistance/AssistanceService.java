package org.trm.nrm.assistance;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.trm.model.code.ConsentScope;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.consent.ConsentService;
import org.trm.nrm.http.Page;
import org.trm.nrm.http.Versions;
import org.trm.nrm.organisation.OrganisationService;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.security.Caller;
import org.trm.nrm.security.Roles;

/**
 * Assistance in the country: needs and risk assessments, and referrals to service providers. An NGO
 * sees and updates only the services referred to its own organisation.
 */
@ApplicationScoped
public class AssistanceService {
    static final String ASSESSMENT = "assessment";

    @Inject
    AssessmentRepository assessments;

    @Inject
    ServiceReferralRepository services;

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Inject
    AuditTrail audit;

    @Inject
    OrganisationService organisations;

    @Inject
    ConsentService consents;

    @Inject
    Caller caller;

    @Transactional
    public Assessment assess(UUID caseId, AssessmentCommand in) {
        CaseFile c = access.visible(caseId);
        if ((in.kind() == AssessmentKind.RISK) != (in.riskLevel() != null)) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'riskLevel' is required for RISK assessments and only there");
        }
        Assessment a = new Assessment();
        a.id = UUID.randomUUID();
        a.caseId = c.id;
        a.kind = in.kind();
        a.riskLevel = in.riskLevel();
        a.needs = in.needs() == null ? new String[0] : in.needs().stream().sorted().map(Enum::name).toArray(String[]::new);
        a.summary = in.summary();
        a.assessedAt = Instant.now();
        a.assessedBy = caller.name();
        assessments.persist(a);
        audit.record(c.id, ASSESSMENT, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.ASSESSMENT_RECORDED, a.kind + (a.riskLevel == null ? "" : " " + a.riskLevel));
        return a;
    }

    @Transactional
    public List<Assessment> assessments(UUID caseId) {
        CaseFile c = access.visible(caseId);
        audit.record(c.id, ASSESSMENT, AuditAction.READ);
        return assessments.list("caseId", Sort.by("assessedAt"), c.id);
    }

    /**
     * Refers the case to a national service provider (shelter, lawyer, the asylum authority, the
     * police...): only under the victim's valid consent to be referred to services, a guardian's for
     * a child. Without it nothing is recorded, and the provider sees nothing of the case.
     */
    @Transactional
    public ServiceReferral refer(UUID caseId, ServiceReferralCommand in) {
        CaseFile c = access.visible(caseId);
        organisations.requireKnown(in.providerOrganisationId(), "providerOrganisationId");
        if (consents.validFor(c, ConsentScope.SERVICE_REFERRAL, null).isEmpty()) {
            throw new NrmException(c.isChild() ? ErrorCode.GUARDIAN_CONSENT_REQUIRED : ErrorCode.SERVICE_REFERRAL_CONSENT_REQUIRED,
                    "no valid consent to refer the case to a service provider (scope SERVICE_REFERRAL)"
                            + (c.isChild() ? " given by the guardian" : ""));
        }
        ServiceReferral s = new ServiceReferral();
        s.id = UUID.randomUUID();
        s.caseId = c.id;
        s.serviceType = in.serviceType();
        s.providerOrganisationId = in.providerOrganisationId();
        s.status = ServiceStatus.REQUESTED;
        s.requestedAt = Instant.now();
        s.updatedAt = s.requestedAt;
        s.requestedBy = caller.name();
        services.persist(s);
        timeline.record(c.id, CaseEventType.SERVICE_REFERRED, s.serviceType + " by " + s.providerOrganisationId);
        return s;
    }

    public List<ServiceReferral> services(UUID caseId) {
        CaseFile c = access.visible(caseId);
        if (onlyOwnServices()) {
            return services.list("caseId = ?1 and providerOrganisationId = ?2", Sort.by("requestedAt"), c.id, ownOrg());
        }
        return services.list("caseId", Sort.by("requestedAt"), c.id);
    }

    public ServiceReferral service(UUID caseId, UUID serviceId) {
        CaseFile c = access.visible(caseId);
        ServiceReferral s = services.find("id = ?1 and caseId = ?2", serviceId, c.id).firstResultOptional()
                .orElseThrow(() -> NrmException.notFound("service referral"));
        if (onlyOwnServices() && !s.providerOrganisationId.equals(ownOrg())) {
            throw NrmException.notFound("service referral");
        }
        return s;
    }

    /** Moves a referral along its statuses; needs the version read (If-Match). */
    @Transactional
    public ServiceReferral update(UUID caseId, UUID serviceId, long version, ServiceUpdateCommand in) {
        ServiceReferral s = service(caseId, serviceId);
        Versions.check(Optional.of(version), s.version);
        if (in.status() != s.status && !s.status.next().contains(in.status())) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION, "a service referral in " + s.status + " cannot become "
                    + in.status() + "; allowed: " + (s.status.next().isEmpty() ? "none"
                            : s.status.next().stream().map(Enum::name).collect(Collectors.joining(", "))));
        }
        ServiceStatus from = s.status;
        s.status = in.status();
        s.outcome = in.outcome();
        s.updatedAt = Instant.now();
        timeline.record(caseId, CaseEventType.SERVICE_UPDATED, s.serviceType + " " + from + " -> " + s.status);
        services.flush();
        return s;
    }

    /** The services referred to the caller's organisation (an NGO's or provider's inbox); all for a coordinator. */
    public Page<ServiceReferral> referredToCaller(ServiceStatus status, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (!caller.seesAllCases()) {
            where.append(" and providerOrganisationId = :org");
            params.put("org", ownOrg());
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        var query = services.find(where + " order by requestedAt desc, id", params)
                .page(io.quarkus.panache.common.Page.of(page, size));
        return new Page<>(query.list(), page, size, query.count());
    }

    private boolean onlyOwnServices() {
        return !caller.seesAllCases() && !caller.is(Roles.CASE_WORKER);
    }

    private String ownOrg() {
        return caller.organisation().orElse("");
    }
}
