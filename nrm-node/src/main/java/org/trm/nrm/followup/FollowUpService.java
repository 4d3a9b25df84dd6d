package org.trm.nrm.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.RevisionStatus;
import org.trm.model.followup.FollowUpFigures;
import org.trm.model.followup.FollowUpReport;
import org.trm.model.followup.FollowUpReport.Leg;
import org.trm.model.followup.FollowUpReport.Outcome;
import org.trm.model.followup.FollowUpReport.Referral;
import org.trm.model.followup.TransportFigures;
import org.trm.model.json.Json;
import org.trm.model.status.Direction;
import org.trm.nrm.operations.GatewayOperations;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.referral.AgreedReferral;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;

/**
 * Agreement follow-up (docs/PROTOCOL.md section 16): what this node counts of the referrals it sent
 * and received under an agreement (whether each was accepted is in the encrypted bodies, which
 * only the nodes read), joined with what its gateway counted of their transport, as one report
 * that the node signs. The database is read in a short transaction of its own and the gateway asked
 * after it: no connection waits on the gateway.
 */
@ApplicationScoped
public class FollowUpService {
    private static final Logger LOG = Logger.getLogger(FollowUpService.class);

    @Inject
    Federation federation;

    @Inject
    MessageRepository messages;

    @Inject
    GatewayOperations gateway;

    /** The report of agreement {@code id} over {@code period}, as of now; not found unless this node is a party to it. */
    public FollowUpReport report(String id, Period period) {
        Directory directory = federation.directory();
        String own = federation.country();
        List<Agreement> revisions = revisions(directory, id);
        Instant asOf = Instant.now();
        List<Referral> referrals = referrals(id, revisions, period.start(), period.end(), asOf);
        List<Leg> legs = FollowUpFigures.legs(own, referrals);
        Optional<TransportFigures> transport = transport(id, period);
        if (transport.isPresent()) {
            legs = FollowUpFigures.withTransport(own, legs, transport.get());
        }
        Set<Integer> counted = new TreeSet<>();
        legs.forEach(l -> counted.add(l.revision()));
        List<FollowUpReport.Revision> terms = revisions.stream()
                .filter(a -> counted.contains(a.revision()) || overlaps(a, period))
                .map(a -> new FollowUpReport.Revision(a.revision(), directory.status(a, asOf), a.parties(), a.validFrom(),
                        a.validUntil(), a.responseTime() == null ? null : a.responseTime().toString(), a.focalPoints()))
                .toList();
        return new FollowUpReport(FollowUpReport.VERSION, id, own, period.from(), period.to(), asOf, directory.version(),
                terms, legs, referrals, transport.isPresent());
    }

    /** The report signed with this node's signing key, as its envelopes are. */
    public String sign(FollowUpReport report) {
        return report.sign(federation.signer());
    }

    /** The kid of the key {@link #sign} signs with. */
    public String signingKid() {
        return federation.signer().kid();
    }

    /** This node's own figures of agreement {@code id} in {@code [from, to)}, without its gateway's: the live gauges. */
    public List<Leg> legs(String id, Instant from, Instant to) {
        List<Agreement> revisions = revisions(federation.directory(), id);
        return FollowUpFigures.legs(federation.country(), referrals(id, revisions, from, to, Instant.now()));
    }

    /** The agreements whose revisions name this node's country among their parties. */
    public List<String> agreements() {
        String own = federation.country();
        return federation.directory().agreements().stream().filter(a -> a.parties().contains(own)).map(Agreement::id)
                .distinct().sorted().toList();
    }

    /**
     * Every revision of each agreement this node's country is a party to, with where it stands now:
     * what a coordinator or auditor chooses a follow-up report from.
     */
    public List<Terms> terms() {
        Directory directory = federation.directory();
        String own = federation.country();
        Instant now = Instant.now();
        return directory.agreements().stream().filter(a -> a.parties().contains(own))
                .sorted(Comparator.comparing(Agreement::id).thenComparing(Agreement::revision))
                .map(a -> new Terms(a, directory.status(a, now))).toList();
    }

    /** One revision of an agreement and where it stands. */
    public record Terms(Agreement revision, RevisionStatus status) {
    }

    private List<Agreement> revisions(Directory directory, String id) {
        String own = federation.country();
        List<Agreement> revisions = directory.revisions(id);
        if (revisions.stream().noneMatch(a -> a.parties().contains(own))) {
            throw NrmException.notFound("agreement");
        }
        return revisions;
    }

    private List<Referral> referrals(String id, List<Agreement> revisions, Instant from, Instant to, Instant asOf) {
        Map<Integer, Duration> agreed = new HashMap<>();
        revisions.forEach(a -> agreed.put(a.revision(), a.responseTime()));
        String own = federation.country();
        List<AgreedReferral> rows = QuarkusTransaction.requiringNew().call(() -> messages.referralsUnder(id, from, to));
        return rows.stream().map(r -> {
            Outcome outcome = outcome(r);
            boolean sent = r.direction() == Direction.OUTBOUND;
            return FollowUpFigures.referral(r.conversationId(), r.messageId(), r.revision(), sent ? own : r.partner(),
                    sent ? r.partner() : own, r.at(), outcome, r.answer() == null ? null : r.answeredAt(),
                    agreed.get(r.revision()), asOf);
        }).toList();
    }

    /** An answer decides; without one, a referral that never left, or whose consent was withdrawn, could not be answered. */
    private static Outcome outcome(AgreedReferral r) {
        if (r.answer() != null) {
            return r.answer() == Conversation.Answer.ACCEPTED ? Outcome.ACCEPTED : Outcome.DECLINED;
        }
        if (r.direction() == Direction.OUTBOUND && r.state() == TransnationalMessage.State.FAILED) {
            return Outcome.FAILED;
        }
        return r.status() == Conversation.Status.WITHDRAWN ? Outcome.WITHDRAWN : Outcome.UNANSWERED;
    }

    /**
     * The gateway's figures for the same agreement and period, or none when it cannot be asked: the
     * report then says so ({@code gatewayReached} false) rather than failing, since the node's own
     * figures stand without them.
     */
    private Optional<TransportFigures> transport(String id, Period period) {
        try {
            GatewayOperations.Answer answer = gateway.transport(id, period.start(), period.end());
            if (answer.status() != 200) {
                LOG.infof("follow-up of %s: the gateway answered %d, no transport figures", id, answer.status());
                return Optional.empty();
            }
            return Optional.of(Json.MAPPER.treeToValue(answer.body(), TransportFigures.class));
        } catch (NrmException | JsonProcessingException | IllegalArgumentException e) {
            LOG.infof("follow-up of %s: no transport figures from the gateway (%s)", id, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static boolean overlaps(Agreement a, Period period) {
        return (a.validFrom() == null || a.validFrom().isBefore(period.end()))
                && (a.validUntil() == null || a.validUntil().isAfter(period.start()));
    }
}
