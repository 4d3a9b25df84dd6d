package org.trm.gateway.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.border.BorderCheck;
import org.trm.gateway.store.Message;
import org.trm.model.directory.Agreement;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.identity.CertificateIdentity;
import org.trm.model.payload.Receipt;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;

/**
 * The node answers each delivery with its signed RECEIPT for the message. Checked here like any
 * outbound envelope of the node, it is then stored for relaying back to the sender; what the check
 * found is what the {@link OutcomeRecorder} records.
 */
@ApplicationScoped
public class ReceiptCheck {

    @Inject
    GatewayConfig config;

    @Inject
    BorderCheck border;

    /** What a delivery's answer proved. */
    public sealed interface Receipt {
        /** Not a delivery to the node that is answered with a receipt (a forward, a receipt delivered, a failure). */
        Receipt NOT_EXPECTED = new NotExpected();

        /**
         * The node's receipt for the message, checked: {@code messageId} is the receipt's own,
         * {@code agreement} the revision it travels back under.
         */
        record Valid(UUID messageId, VerifiedEnvelope receipt, Agreement agreement) implements Receipt {
            public Valid(UUID messageId, VerifiedEnvelope receipt) {
                this(messageId, receipt, null);
            }
        }

        /** Delivered, but the answer is no receipt of this message. */
        record Missing(String why) implements Receipt {
        }

        /** The receipt did not pass the border check; {@code problem} is its problem type. */
        record Refused(String problem) implements Receipt {
        }

        record NotExpected() implements Receipt {
        }
    }

    /** Checks the answer to {@code m}'s delivery when it succeeded and must carry the node's receipt. */
    public Receipt check(Message m, HopResponse response) {
        if (!response.success() || m.direction != Direction.INBOUND || !MessageType.valueOf(m.type).receipted()) {
            return Receipt.NOT_EXPECTED;
        }
        if (response.body() == null || response.body().isBlank()) {
            return new Receipt.Missing("empty answer (HTTP " + response.status() + ")");
        }
        if (response.contentType() == null || !response.contentType().startsWith(MediaTypes.ENVELOPE_JWS)) {
            return new Receipt.Missing("answer is not " + MediaTypes.ENVELOPE_JWS);
        }
        EnvelopeVerifier.Unverified answer;
        try {
            answer = EnvelopeVerifier.read(response.body().strip());
            Envelope e = answer.claimed();
            if (e.type() != MessageType.RECEIPT || !m.messageId.equals(e.inReplyTo()) || !e.to().equals(m.fromCountry)) {
                return new Receipt.Missing("the answer is not the receipt of this message");
            }
        } catch (ProtocolException e) {
            return new Receipt.Missing(e.problem().type().toString());
        }
        try {
            BorderCheck.Admitted admitted = border.admit(Direction.OUTBOUND,
                    new CertificateIdentity(CertificateIdentity.NODE, config.country()), answer);
            return new Receipt.Valid(admitted.verified().envelope().messageId(), admitted.verified(),
                    admitted.agreement());
        } catch (ProtocolException e) {
            return new Receipt.Refused(e.problem().type().toString());
        }
    }
}
