package org.trm.gateway.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;

/**
 * What a peer's DELIVERY_FAILURE must be, beyond its signature by the peer's gateway key: a report
 * on a message this gateway forwarded to that peer, with that message's hash, by a hop of the
 * peer's country. Checked before it is stored, so that a peer can end only what it was sent.
 */
@ApplicationScoped
public class SignalCheck {

    @Inject
    MessageRepository messages;

    /** The signal's payload, checked against the message it reports on; refused as the node refuses a receipt. */
    @Transactional
    public DeliveryFailure check(VerifiedEnvelope signal) {
        Envelope e = signal.envelope();
        DeliveryFailure failure = DeliveryFailure.fromBody(e.body());
        if (!failure.messageId().equals(e.inReplyTo())) {
            throw new ProtocolException(ProblemType.MALFORMED, "the signal's payload names another message than inReplyTo");
        }
        if (!failure.hop().endsWith("." + e.from())) {
            throw new ProtocolException(ProblemType.MALFORMED, "a gateway reports failures at hops of its own country only");
        }
        Message original = messages.findById(failure.messageId());
        if (original == null || original.direction != Direction.OUTBOUND || !original.fromCountry.equals(e.to())
                || !original.toCountry.equals(e.from())) {
            throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION,
                    "the signal answers no message this gateway forwarded to " + e.from());
        }
        if (!original.sha256.equals(failure.sha256())) {
            throw new ProtocolException(ProblemType.MALFORMED, "the signal is for other content than was forwarded");
        }
        return failure;
    }
}
