package org.trm.gateway.relay;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.store.Message;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jwks;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.payload.Payloads;
import org.trm.model.problem.ProblemType;
import org.trm.model.status.Direction;

/**
 * Makes the DELIVERY_FAILURE that tells a dead letter's sender it died (docs/PROTOCOL.md section 7.2),
 * signed with this gateway's own key: to the peer that sent it here, or, when this gateway gave up
 * on its own node's message, to its own node ({@code from} = {@code to} = this country). Never for
 * a failure signal itself: one that cannot be delivered stays a dead letter, so nothing loops.
 */
@ApplicationScoped
public class FailureSignals {
    private static final Logger LOG = Logger.getLogger(FailureSignals.class);
    /** As long as a receipt may travel (the reference node gives its receipts 7 days). */
    static final Duration TIME_TO_LIVE = Duration.ofDays(7);
    /** RFC 9457's type for a problem the hop did not name. */
    static final String UNNAMED = "about:blank";

    @Inject
    GatewayConfig config;

    private EnvelopeSigner signer;

    @PostConstruct
    void init() {
        signer = new EnvelopeSigner(Jwks.load(Path.of(config.signingKey())));
        if (!signer.kid().startsWith(config.country() + "-gw-sig-")) {
            throw new IllegalStateException("trm.signing-key must be a gateway key of " + config.country()
                    + " (kid " + config.country() + "-gw-sig-<n>)");
        }
    }

    /** The signal for a message its next hop refused for good: that hop and the problem it named. */
    Optional<Message> refused(Message dead, HopResponse response, Instant now) {
        String hop = dead.direction == Direction.INBOUND ? "node." + config.country() : "gateway." + dead.toCountry;
        String problem = response.problemCode().map(c -> c.type().toString()).orElse(UNNAMED);
        return signal(dead, hop, problem, dead.lastError, now);
    }

    /** The signal for a message this gateway gave up on at its deadline. */
    public Optional<Message> expired(Message dead, Instant now) {
        return signal(dead, "gateway." + config.country(), ProblemType.EXPIRED.type().toString(),
                dead.lastError == null ? "deadline passed" : "deadline passed; last error: " + dead.lastError, now);
    }

    private Optional<Message> signal(Message dead, String hop, String problem, String detail, Instant now) {
        if (MessageType.DELIVERY_FAILURE.name().equals(dead.type)) {
            LOG.warnf("failure signal %s is a dead letter: no signal is sent about a signal", dead.messageId);
            return Optional.empty();
        }
        if (dead.jws == null) {
            return Optional.empty();
        }
        Envelope original = EnvelopeVerifier.peek(dead.jws);
        String clipped = detail != null && detail.length() > 300 ? detail.substring(0, 300) : detail;
        DeliveryFailure failure = new DeliveryFailure(Payloads.VERSION, original.messageId(), Digests.sha256Hex(dead.jws),
                hop, problem, clipped, now);
        Envelope envelope = Envelope.create(MessageType.DELIVERY_FAILURE, config.country(), original.from(),
                original.conversationId(), original.messageId(), now, TIME_TO_LIVE, failure.toBody());
        String jws = signer.sign(envelope);
        // To its own node (INBOUND) when the dead letter came from it, else back to the sending country.
        Direction direction = original.from().equals(config.country()) ? Direction.INBOUND : Direction.OUTBOUND;
        Message signal = Message.accepted(new VerifiedEnvelope(envelope, jws, Digests.sha256Hex(jws), signer.kid()),
                direction, now);
        if (direction == Direction.OUTBOUND) {
            // It answers the dead message across the border, under the revision that message travelled under.
            signal.agreementId = dead.agreementId;
            signal.agreementRevision = dead.agreementRevision;
        }
        LOG.infof("message %s died (%s at %s): failure signal %s to %s", original.messageId(), problem, hop,
                envelope.messageId(), original.from());
        return Optional.of(signal);
    }
}
