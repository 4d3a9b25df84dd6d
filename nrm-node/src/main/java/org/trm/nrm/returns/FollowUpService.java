package org.trm.nrm.returns;

import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Agreement;
import org.trm.model.status.Direction;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.CaseRepository;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.http.Page;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.service.MessageReceived;

/**
 * After a return this node requested: the departure, the follow-ups the agreement with the country of
 * return sets after it, and which of them are overdue. Each RETURN_FOLLOW_UP received answers the
 * earliest one still open, so a late report clears the oldest gap first.
 */
@ApplicationScoped
public class FollowUpService {

    @Inject
    ReturnFollowUpRepository followUps;

    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    CaseRepository cases;

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Inject
    Federation federation;

    /** A follow-up as a reader sees it: with its case's reference and where it stands today. */
    public record Item(ReturnFollowUp followUp, String caseReference, ReturnFollowUp.State state) {
    }

    /** The follow-ups a departure set for a case. */
    public record Schedule(UUID caseId, List<Item> followUps) {
    }

    /**
     * Records the day the person left under the return this node requested in the conversation, and
     * the follow-ups due after it as the agreement in force with the partner sets them (none when it
     * sets none); once per conversation.
     */
    @Transactional
    public Schedule recordDeparture(UUID conversationId, LocalDate departedOn) {
        Conversation c = conversations.findByIdOptional(conversationId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> NrmException.notFound("conversation"));
        CaseFile file = c.caseId == null ? null : access.visible(c.caseId);
        if (file == null || !messages.exchanged(c.id, Direction.OUTBOUND, MessageType.RETURN_REQUEST)) {
            throw new NrmException(ErrorCode.RETURN_NOT_REQUESTED, "a departure is recorded under a return this node "
                    + "requested of " + c.partner + " in this conversation, and it requested none");
        }
        if (c.returnDepartedOn != null) {
            throw new NrmException(ErrorCode.DUPLICATE, "the departure under this return is recorded already");
        }
        Instant now = Instant.now();
        c.returnDepartedOn = departedOn;
        c.updatedAt = now;
        List<Period> schedule = federation.directory()
                .agreement(c.partner, federation.country(), MessageType.RETURN_FOLLOW_UP, now)
                .map(Agreement::returnFollowUps).orElse(List.of());
        List<ReturnFollowUp> due = new ArrayList<>();
        for (int i = 0; i < schedule.size(); i++) {
            ReturnFollowUp f = new ReturnFollowUp();
            f.id = UUID.randomUUID();
            f.conversationId = c.id;
            f.caseId = c.caseId;
            f.partner = c.partner;
            f.seq = i + 1;
            f.dueOn = departedOn.plus(schedule.get(i));
            followUps.persist(f);
            due.add(f);
        }
        timeline.record(c.caseId, CaseEventType.RETURN_DEPARTED, "departed on " + departedOn + " for " + c.partner + "; "
                + (due.isEmpty() ? "no follow-up agreed with " + c.partner
                        : "follow-ups due on " + due.stream().map(f -> f.dueOn.toString()).collect(Collectors.joining(", "))));
        LocalDate today = today();
        return new Schedule(c.caseId, due.stream().map(f -> new Item(f, file.reference, f.state(today))).toList());
    }

    /** A report from the country of return answers the earliest follow-up of its conversation still open. */
    void onReceived(@Observes MessageReceived received) {
        if (received.type() != MessageType.RETURN_FOLLOW_UP) {
            return;
        }
        followUps.earliestOpen(received.conversationId()).ifPresent(f -> {
            f.receivedMessageId = received.messageId();
            f.receivedAt = received.receivedAt();
            long late = ChronoUnit.DAYS.between(f.dueOn, LocalDate.ofInstant(received.receivedAt(), ZoneOffset.UTC));
            timeline.record(f.caseId, CaseEventType.RETURN_FOLLOW_UP_RECEIVED, "follow-up " + f.seq + " from " + f.partner
                    + ", due on " + f.dueOn + (late > 0 ? ", " + late + " days late" : ""));
        });
    }

    /** The case's follow-ups, in the order they fall due. */
    public List<Item> ofCase(UUID caseId) {
        CaseFile c = access.visible(caseId);
        LocalDate today = today();
        return followUps.ofCase(c.id).stream().map(f -> new Item(f, c.reference, f.state(today))).toList();
    }

    /** The country's follow-ups in one state (all of them without one), the earliest due first. */
    public Page<Item> list(ReturnFollowUp.State state, int page, int size) {
        LocalDate today = today();
        Map<String, Object> params = new HashMap<>();
        String where = "1 = 1";
        if (state != null) {
            where = switch (state) {
                case RECEIVED -> "receivedAt is not null";
                case OVERDUE -> "receivedAt is null and dueOn < :today";
                case DUE -> "receivedAt is null and dueOn >= :today";
            };
            if (state != ReturnFollowUp.State.RECEIVED) {
                params.put("today", today);
            }
        }
        var query = followUps.find(where, Sort.by("dueOn").and("id"), params).page(io.quarkus.panache.common.Page.of(page, size));
        List<ReturnFollowUp> rows = query.list();
        Map<UUID, String> references = new HashMap<>();
        for (ReturnFollowUp f : rows) {
            references.computeIfAbsent(f.caseId, id -> cases.findByIdOptional(id).map(k -> k.reference).orElse(null));
        }
        return new Page<>(rows.stream().map(f -> new Item(f, references.get(f.caseId), f.state(today))).toList(), page, size,
                query.count());
    }

    /**
     * Puts each follow-up that has become overdue on its case's timeline, once. Due dates are days, so
     * looking every hour is soon enough; the follow-up lists say overdue the moment it is.
     */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void noteOverdue() {
        Instant now = Instant.now();
        List<ReturnFollowUp> overdue = followUps.overdueUnnoted(today());
        for (ReturnFollowUp f : overdue) {
            f.overdueNotedAt = now;
            timeline.record(f.caseId, CaseEventType.RETURN_FOLLOW_UP_OVERDUE, "follow-up " + f.seq + " from " + f.partner
                    + " was due on " + f.dueOn);
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
