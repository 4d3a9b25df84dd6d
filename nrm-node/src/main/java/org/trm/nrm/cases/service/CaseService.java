package org.trm.nrm.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;
import org.trm.nrm.NrmConfig;
import org.trm.nrm.cases.CaseEvent;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.CaseRepository;
import org.trm.nrm.cases.PhasePolicy;
import org.trm.nrm.http.Page;
import org.trm.nrm.http.Versions;
import org.trm.nrm.organisation.OrganisationService;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.security.Caller;
import org.trm.nrm.security.Roles;

/** Cases: creation with a reference, updates under optimistic locking, search, and the phase lifecycle. */
@ApplicationScoped
public class CaseService {

    @Inject
    CaseRepository cases;

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Inject
    OrganisationService organisations;

    @Inject
    ReturnReadiness returnReadiness;

    @Inject
    Caller caller;

    @Inject
    NrmConfig config;

    @Transactional
    public CaseFile create(CaseCommand in) {
        CaseFile c = new CaseFile();
        c.id = UUID.randomUUID();
        if (!caller.seesAllCases()) {
            String org = caller.organisation().orElseThrow(() -> new NrmException(ErrorCode.FORBIDDEN,
                    "the token names no organisation, so the case would have no owner"));
            if (in.referringOrganisationId() != null && !in.referringOrganisationId().equals(org)) {
                throw new NrmException(ErrorCode.FORBIDDEN, "cases can be referred only on behalf of the caller's organisation");
            }
            if (caller.is(Roles.NGO) && !caller.is(Roles.CASE_WORKER)
                    && in.identificationStatus() != IdentificationStatus.PRESUMED) {
                throw new NrmException(ErrorCode.FORBIDDEN, "an NGO notifies presumed victims; identification is for the authorities");
            }
            c.referringOrganisationId = org;
            c.leadOrganisationId = in.leadOrganisationId() != null || !caller.is(Roles.CASE_WORKER)
                    ? in.leadOrganisationId() : org;
        } else {
            c.referringOrganisationId = in.referringOrganisationId();
            c.leadOrganisationId = in.leadOrganisationId();
        }
        organisations.requireKnown(c.referringOrganisationId, "referringOrganisationId");
        organisations.requireKnown(c.leadOrganisationId, "leadOrganisationId");
        c.anonymous = Boolean.TRUE.equals(in.anonymous());
        apply(c, in);
        c.phase = Phase.IDENTIFICATION;
        Instant now = Instant.now();
        Year year = Year.now(ZoneOffset.UTC);
        c.reference = String.format("%s-%d-%06d", config.country(), year.getValue(), cases.nextNumber(year));
        c.createdAt = now;
        c.updatedAt = now;
        c.createdBy = caller.name();
        cases.persist(c);
        timeline.record(c.id, CaseEventType.CASE_CREATED, "reference " + c.reference);
        return c;
    }

    public CaseFile get(UUID id) {
        return access.visible(id);
    }

    @Transactional
    public CaseFile update(UUID id, long version, CaseCommand in) {
        CaseFile c = access.visible(id);
        Versions.check(Optional.of(version), c.version);
        if (in.anonymous() != null && in.anonymous() != c.anonymous) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION, "'anonymous' is fixed when the case is created");
        }
        if (in.referringOrganisationId() != null && !in.referringOrganisationId().equals(c.referringOrganisationId)) {
            if (!caller.seesAllCases()) {
                throw new NrmException(ErrorCode.FORBIDDEN, "only a coordinator changes the referring organisation");
            }
            organisations.requireKnown(in.referringOrganisationId(), "referringOrganisationId");
            c.referringOrganisationId = in.referringOrganisationId();
        }
        organisations.requireKnown(in.leadOrganisationId(), "leadOrganisationId");
        if (c.internationalProtectionStatus != null && Boolean.FALSE.equals(in.doNotContactCountryOfOrigin())) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION,
                    "the person seeks or has international protection: the country of origin stays not to be contacted");
        }
        boolean doNotContactBefore = c.doNotContactCountryOfOrigin;
        String changed = changedFields(c, in);
        c.leadOrganisationId = in.leadOrganisationId();
        apply(c, in);
        c.updatedAt = Instant.now();
        if (!changed.isEmpty()) {
            timeline.record(c.id, CaseEventType.CASE_UPDATED, "changed: " + changed);
        }
        if (doNotContactBefore != c.doNotContactCountryOfOrigin) {
            timeline.record(c.id, c.doNotContactCountryOfOrigin ? CaseEventType.DO_NOT_CONTACT_SET
                    : CaseEventType.DO_NOT_CONTACT_CLEARED, "country of origin " + c.countryOfOrigin);
        }
        cases.flush();
        return c;
    }

    public Page<CaseFile> search(CaseFilter filter, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        String scope = access.scope(params);
        if (!scope.isEmpty()) {
            where.add(scope);
        }
        condition(where, params, "c.reference = :reference", "reference", filter.reference());
        condition(where, params, "c.phase = :phase", "phase", filter.phase());
        condition(where, params, "c.identificationStatus = :status", "status", filter.identificationStatus());
        condition(where, params, "array_contains(c.formsOfExploitation, :form)", "form",
                filter.formOfExploitation() == null ? null : filter.formOfExploitation().name());
        condition(where, params, "c.citizenship = :citizenship", "citizenship", filter.citizenship());
        condition(where, params, "c.countryOfExploitation = :exploitation", "exploitation", filter.countryOfExploitation());
        condition(where, params, "c.leadOrganisationId = :lead", "lead", filter.leadOrganisationId());
        condition(where, params, "c.referringOrganisationId = :referring", "referring", filter.referringOrganisationId());
        String query = "from CaseFile c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        List<CaseFile> items = cases.find(query + " order by c.createdAt desc, c.id", params)
                .page(io.quarkus.panache.common.Page.of(page, size)).list();
        if (!items.isEmpty() && items.size() < size || items.isEmpty() && page == 0) {
            // The last page: the total follows without counting.
            return new Page<>(items, page, size, (long) page * size + items.size());
        }
        long matches = cases.countUpTo(query, params, Page.COUNT_CAP);
        return new Page<>(items, page, size, Math.min(matches, Page.COUNT_CAP), matches > Page.COUNT_CAP);
    }

    /**
     * Moves a case to its next phase. Entering RETURN needs a valid consent to return and a risk
     * assessment (the SOP's assisted, voluntary and safe return).
     */
    @Transactional
    public CaseFile transition(UUID id, Optional<Long> version, Phase target, Transition details) {
        CaseFile c = access.visible(id);
        Versions.check(version, c.version);
        if (!PhasePolicy.allowed(c.phase, target)) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION, "a case in " + c.phase + " cannot move to " + target
                    + "; allowed: " + (PhasePolicy.next(c.phase).isEmpty() ? "none"
                            : PhasePolicy.next(c.phase).stream().map(Enum::name).collect(Collectors.joining(", "))));
        }
        switch (target) {
            case FIRST_ASSISTANCE -> {
                LocalDate start = Objects.requireNonNullElse(details.reflectionPeriodStart(), LocalDate.now(ZoneOffset.UTC));
                LocalDate end = Objects.requireNonNullElse(details.reflectionPeriodEnd(),
                        start.plusDays(config.reflectionPeriodDays()));
                if (end.isBefore(start)) {
                    throw new NrmException(ErrorCode.VALIDATION_FAILED, "reflectionPeriodEnd is before reflectionPeriodStart");
                }
                c.reflectionPeriodStart = start;
                c.reflectionPeriodEnd = end;
            }
            case RETURN -> returnReadiness.requireReady(c.id);
            case CLOSED -> c.closureReason = details.closureReason();
            default -> {
            }
        }
        Phase from = c.phase;
        c.phase = target;
        c.updatedAt = Instant.now();
        timeline.record(c.id, CaseEventType.PHASE_CHANGED, from + " -> " + target);
        cases.flush();
        return c;
    }

    public List<CaseEvent> timeline(UUID id) {
        return timeline.of(access.visible(id).id);
    }

    /** Extra data an action may carry: the reflection period, or why a case was closed. */
    public record Transition(LocalDate reflectionPeriodStart, LocalDate reflectionPeriodEnd, String closureReason) {
        public static final Transition NONE = new Transition(null, null, null);
    }

    private static void apply(CaseFile c, CaseCommand in) {
        c.identificationStatus = in.identificationStatus();
        c.forms(in.formsOfExploitation().isEmpty() ? EnumSet.noneOf(FormOfExploitation.class)
                : EnumSet.copyOf(in.formsOfExploitation()));
        c.citizenship = in.citizenship();
        c.countryOfOrigin = in.countryOfOrigin();
        c.countryOfExploitation = in.countryOfExploitation();
        c.sex = in.sex();
        c.ageAtIdentification = in.ageAtIdentification();
        // International protection keeps the origin out of reach whatever the update says.
        c.doNotContactCountryOfOrigin = Boolean.TRUE.equals(in.doNotContactCountryOfOrigin())
                || c.internationalProtectionStatus != null;
    }

    /** Names of the fields an update changes, for the timeline (names only: values may be sensitive). */
    private static String changedFields(CaseFile c, CaseCommand in) {
        List<String> changed = new ArrayList<>();
        if (c.identificationStatus != in.identificationStatus()) {
            changed.add("identificationStatus");
        }
        if (!c.forms().equals(in.formsOfExploitation().isEmpty() ? EnumSet.noneOf(FormOfExploitation.class)
                : EnumSet.copyOf(in.formsOfExploitation()))) {
            changed.add("formsOfExploitation");
        }
        if (!Objects.equals(c.citizenship, in.citizenship())) {
            changed.add("citizenship");
        }
        if (!Objects.equals(c.countryOfOrigin, in.countryOfOrigin())) {
            changed.add("countryOfOrigin");
        }
        if (!Objects.equals(c.countryOfExploitation, in.countryOfExploitation())) {
            changed.add("countryOfExploitation");
        }
        if (!Objects.equals(c.leadOrganisationId, in.leadOrganisationId())) {
            changed.add("leadOrganisationId");
        }
        if (c.sex != in.sex()) {
            changed.add("sex");
        }
        if (!Objects.equals(c.ageAtIdentification, in.ageAtIdentification())) {
            changed.add("ageAtIdentification");
        }
        return String.join(", ", changed);
    }

    private static void condition(List<String> where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.add(clause);
            params.put(name, value);
        }
    }
}
