package org.trm.nrm.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.trm.model.code.AgeBand;
import org.trm.model.code.ConsentScope;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.directory.Agreement;
import org.trm.model.json.Json;
import org.trm.model.code.MessageType;
import org.trm.model.payload.CaseClosedPayload;
import org.trm.model.payload.CaseUpdatePayload;
import org.trm.model.payload.ConsentWithdrawnPayload;
import org.trm.model.payload.InfoPayload;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.payload.ReferralResponsePayload;
import org.trm.model.payload.ReturnFollowUpPayload;
import org.trm.model.payload.ReturnPrenotificationPayload;
import org.trm.model.payload.ReturnRequestPayload;
import org.trm.model.status.Direction;
import org.trm.nrm.assistance.Assessment;
import org.trm.nrm.assistance.AssessmentKind;
import org.trm.nrm.assistance.AssessmentRepository;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseCommand;
import org.trm.nrm.cases.service.CaseService;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.consent.ConsentWithdrawn;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;
import org.trm.nrm.sharing.SharingPolicy;

/**
 * The TRM flows a coordinator drives: refer, accept or decline, keep the partner informed, request a
 * return, withdraw. What may go is decided by the {@link SharingPolicy}, on the sending node, before
 * anything is queued.
 */
@ApplicationScoped
public class ReferralService {
    private static final Set<Conversation.Status> OPEN = Set.of(Conversation.Status.PENDING, Conversation.Status.ACCEPTED,
            Conversation.Status.NOTIFIED);
    /** What a pre-notification's conversation carries: questions and answers about it, or its calling off. */
    private static final Set<MessageType> ABOUT_A_PRENOTIFICATION = Set.of(MessageType.INFO_REQUEST, MessageType.INFO_RESPONSE,
            MessageType.CASE_CLOSED);

    @Inject
    Federation federation;

    @Inject
    Outbox outbox;

    @Inject
    ConversationRepository conversations;

    @Inject
    CaseAccess access;

    @Inject
    CaseService cases;

    @Inject
    AssessmentRepository assessments;

    @Inject
    SharingPolicy sharing;

    @Inject
    CaseTimeline timeline;

    @Inject
    MessageRepository messages;

    @Transactional
    public TransnationalMessage refer(UUID caseId, ReferralCommand in) {
        CaseFile c = access.visible(caseId);
        String to = abroad(in.to());
        SharingPolicy.Referral share = sharing.referral(c, to, in.includePersonalData(), in.consentOverrideReason());
        Conversation conversation = opened(c, to, MessageType.REFERRAL, Conversation.Status.PENDING);
        conversation.identityConsentId = share.identityConsentId();
        conversations.persist(conversation);
        ReferralPayload payload = new ReferralPayload(Payloads.VERSION, c.reference, in.reason(), in.details(),
                c.identificationStatus, List.copyOf(c.forms()), c.countryOfExploitation, c.citizenship, c.sex,
                AgeBand.of(c.ageAtIdentification).map(AgeBand::code).orElse(null), c.isChild(), c.phase, needs(c.id),
                share.person(), share.override(), share.reflectionPeriodEnd());
        return outbox.queue(conversation, MessageType.REFERRAL, payload, payload.withoutPerson());
    }

    /**
     * Tells the country of return of an upcoming return before the case itself goes, in a
     * conversation of its own: how many people, when, which support, the case's reference; nothing
     * about the person. What it needs is the {@link SharingPolicy}'s.
     */
    @Transactional
    public TransnationalMessage prenotify(UUID caseId, PrenotificationCommand in) {
        CaseFile c = access.visible(caseId);
        String to = abroad(in.to());
        sharing.returnPrenotification(c, to, in.plannedDeparture(), leadTime(to, MessageType.RETURN_PRENOTIFICATION));
        Conversation conversation = opened(c, to, MessageType.RETURN_PRENOTIFICATION, Conversation.Status.NOTIFIED);
        conversations.persist(conversation);
        ReturnPrenotificationPayload payload = new ReturnPrenotificationPayload(Payloads.VERSION, c.reference, in.persons(),
                in.plannedDeparture().toString(), in.supportNeeds() == null ? List.of()
                        : in.supportNeeds().stream().sorted().toList());
        return outbox.queue(conversation, MessageType.RETURN_PRENOTIFICATION, payload, payload);
    }

    /** The rules {@link #refer} would apply now, each decided without sending or recording anything. */
    @Transactional
    public ReferralChecks checks(UUID caseId, String to, boolean includePersonalData) {
        CaseFile c = access.visible(caseId);
        List<ReferralChecks.Check> checks = new ArrayList<>();
        checks.add(ReferralChecks.Check.of(ReferralChecks.PARTNER, () -> {
            if (to.equals(federation.country())) {
                throw new NrmException(ErrorCode.VALIDATION_FAILED, "a case is referred to another country");
            }
            federation.encryptionKeyOf(to);
        }));
        sharing.referralRules(c, to, includePersonalData).forEach((rule, decision) -> checks.add(ReferralChecks.Check.of(rule, decision)));
        Instant now = Instant.now();
        ReferralChecks.Check agreement = ReferralChecks.Check.of(ReferralChecks.AGREEMENT,
                () -> outbox.covering(to, MessageType.REFERRAL, now));
        checks.add(agreement);
        return new ReferralChecks(to, checks.stream().allMatch(ReferralChecks.Check::passed), checks, agreement.passed()
                ? ReferralChecks.AgreementView.of(outbox.covering(to, MessageType.REFERRAL, now), to) : null);
    }

    /** Opens a linked case for an incoming referral and tells the sender its reference. */
    @Transactional
    public TransnationalMessage accept(UUID conversationId) {
        Conversation conversation = incomingPending(conversationId);
        ReferralPayload referral = Json.read(conversation.receivedReferral, ReferralPayload.class);
        CaseFile linked = cases.create(new CaseCommand(
                referral.identificationStatus() == null ? IdentificationStatus.PRESUMED : referral.identificationStatus(),
                Set.copyOf(referral.formsOfExploitation()), referral.citizenship(), referral.citizenship(),
                referral.countryOfExploitation(), null, null, referral.gender(), null, false, false));
        timeline.record(linked.id, CaseEventType.TRANSNATIONAL_RECEIVED, "referral from " + conversation.partner
                + " accepted, partner reference " + referral.senderCaseReference());
        conversation.caseId = linked.id;
        conversation.status = Conversation.Status.ACCEPTED;
        conversation.updatedAt = Instant.now();
        conversation.partnerCaseReference = referral.senderCaseReference();
        ReferralResponsePayload answer = new ReferralResponsePayload(Payloads.VERSION, true, linked.reference, null);
        return answer(conversation, answer);
    }

    @Transactional
    public TransnationalMessage decline(UUID conversationId, String reason) {
        Conversation conversation = incomingPending(conversationId);
        conversation.status = Conversation.Status.DECLINED;
        conversation.updatedAt = Instant.now();
        ReferralResponsePayload answer = new ReferralResponsePayload(Payloads.VERSION, false, null, reason);
        return answer(conversation, answer);
    }

    /** Queues the answer to a received referral; the conversation keeps it, and when it went, for the follow-up. */
    private TransnationalMessage answer(Conversation conversation, ReferralResponsePayload answer) {
        TransnationalMessage m = outbox.queue(conversation, MessageType.REFERRAL_RESPONSE, answer, answer);
        conversation.answered(answer.accepted(), m.createdAt);
        return m;
    }

    @Transactional
    public TransnationalMessage send(UUID conversationId, MessageCommand in) {
        Conversation conversation = locked(conversationId);
        if (!OPEN.contains(conversation.status)) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION, "the conversation is " + conversation.status);
        }
        if (conversation.status == Conversation.Status.NOTIFIED && !ABOUT_A_PRENOTIFICATION.contains(in.type())) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION, "a pre-notification's conversation carries no case: "
                    + "refer the case to send " + in.type());
        }
        sharing.message(conversation.caseId, conversation.partner, conversation.direction == Direction.OUTBOUND, in.type());
        Object payload = switch (in.type()) {
            case CASE_UPDATE -> new CaseUpdatePayload(Payloads.VERSION, in.phase(), in.servicesProvided(), in.proceedings(),
                    in.note());
            case INFO_REQUEST, INFO_RESPONSE -> new InfoPayload(Payloads.VERSION, required(in.text(), "text"));
            case RETURN_REQUEST -> returnRequest(conversation, in);
            case RETURN_FOLLOW_UP -> followUp(conversation, in);
            case CASE_CLOSED -> {
                conversation.status = Conversation.Status.CLOSED;
                conversation.updatedAt = Instant.now();
                yield new CaseClosedPayload(Payloads.VERSION, in.outcome());
            }
            default -> throw new NrmException(ErrorCode.INVALID_VALUE, in.type()
                    + " is not sent this way; use the referral, accept, decline or consent actions");
        };
        return outbox.queue(conversation, in.type(), payload, payload);
    }

    /**
     * A withdrawn consent tells every partner that received data under it, in the withdrawing
     * transaction: a consent to share the case stops every open conversation with that country about
     * it; an identity-data consent, the conversations whose referral carried identity data under it
     * (they go on without it). The partner keeps what it received, restricted.
     */
    void onConsentWithdrawn(@Observes ConsentWithdrawn withdrawn) {
        if (!withdrawn.scope().perCountry() || !federation.config().enabled()) {
            return;
        }
        boolean identity = withdrawn.scope() == ConsentScope.SHARE_IDENTITY_WITH_COUNTRY;
        for (Conversation conversation : conversations.ofCaseWith(withdrawn.caseId(), withdrawn.country())) {
            if (conversation.status == Conversation.Status.WITHDRAWN || conversation.status == Conversation.Status.DECLINED
                    || identity && !withdrawn.consentId().equals(conversation.identityConsentId)) {
                continue;
            }
            if (!identity) {
                conversation.status = Conversation.Status.WITHDRAWN;
                conversation.consentWithdrawnAt = withdrawn.at();
            }
            conversation.updatedAt = withdrawn.at();
            ConsentWithdrawnPayload payload = new ConsentWithdrawnPayload(Payloads.VERSION, withdrawn.at().toString(),
                    "RESTRICT", withdrawn.scope());
            outbox.queue(conversation, MessageType.CONSENT_WITHDRAWN, payload, payload);
        }
    }

    public Conversation find(UUID conversationId) {
        Conversation conversation = conversations.findByIdOptional(conversationId)
                .orElseThrow(() -> NrmException.notFound("conversation"));
        if (conversation.caseId != null) {
            access.visible(conversation.caseId);
        }
        return conversation;
    }

    private ReturnRequestPayload returnRequest(Conversation conversation, MessageCommand in) {
        if (in.plannedDate() == null) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED,
                    "'plannedDate' is required for RETURN_REQUEST: the agreed lead time is counted back from it");
        }
        Optional<LocalDate> prenotified = conversation.caseId == null ? Optional.empty()
                : messages.firstPrenotification(conversation.caseId, conversation.partner)
                        .map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC));
        Assessment risk = sharing.returnRequest(conversation.caseId, in.plannedDate(),
                leadTime(conversation.partner, MessageType.RETURN_REQUEST), prenotified);
        return new ReturnRequestPayload(Payloads.VERSION, risk.riskLevel == null ? null : risk.riskLevel.name(),
                risk.assessedAt.toString(), Instant.now().toString(), in.plannedDate().toString(), in.note());
    }

    /**
     * A report of the country of return after a return: only in a conversation in which the partner
     * requested the return of this country.
     */
    private ReturnFollowUpPayload followUp(Conversation conversation, MessageCommand in) {
        if (!messages.exchanged(conversation.id, Direction.INBOUND, MessageType.RETURN_REQUEST)) {
            throw new NrmException(ErrorCode.RETURN_NOT_REQUESTED, "a follow-up reports on a return " + conversation.partner
                    + " requested in this conversation, and it requested none");
        }
        if (in.reached() == null) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'reached' is required for RETURN_FOLLOW_UP");
        }
        if (in.contactedOn() != null && !in.reached()) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'contactedOn' is given only when the person was reached");
        }
        return new ReturnFollowUpPayload(Payloads.VERSION, in.reached(),
                in.contactedOn() == null ? null : in.contactedOn().toString(), in.servicesProvided(), in.note());
    }

    /** A country other than this one: a case is referred, a return announced, only abroad. */
    private String abroad(String to) {
        if (to.equals(federation.country())) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'to' is another country than this node's");
        }
        return to;
    }

    /** A conversation this node starts about the case with {@code to}, not yet stored. */
    private static Conversation opened(CaseFile c, String to, MessageType openedBy, Conversation.Status status) {
        Conversation conversation = new Conversation();
        conversation.id = UUID.randomUUID();
        conversation.direction = Direction.OUTBOUND;
        conversation.partner = to;
        conversation.caseId = c.id;
        conversation.status = status;
        conversation.openedBy = openedBy;
        conversation.createdAt = Instant.now();
        conversation.updatedAt = conversation.createdAt;
        return conversation;
    }

    /** The notice the agreement in force with {@code partner} asks for before a return; null when it sets none. */
    private Period leadTime(String partner, MessageType type) {
        return federation.directory().agreement(federation.country(), partner, type, Instant.now())
                .map(Agreement::returnLeadTime).orElse(null);
    }

    /**
     * A conversation to write to, locked: a message arriving for it meanwhile waits for this
     * transaction rather than failing on the version check.
     */
    private Conversation locked(UUID conversationId) {
        Conversation conversation = conversations.findByIdOptional(conversationId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> NrmException.notFound("conversation"));
        if (conversation.caseId != null) {
            access.visible(conversation.caseId);
        }
        return conversation;
    }

    private Conversation incomingPending(UUID conversationId) {
        Conversation conversation = locked(conversationId);
        if (conversation.direction != Direction.INBOUND || conversation.status != Conversation.Status.PENDING) {
            throw new NrmException(ErrorCode.ILLEGAL_TRANSITION, "only a pending incoming referral can be answered");
        }
        return conversation;
    }

    private List<String> needs(UUID caseId) {
        return assessments.latest(caseId, AssessmentKind.NEEDS)
                .map(a -> List.of(a.needs)).orElse(List.of());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'" + field + "' is required for this message type");
        }
        return value;
    }
}
