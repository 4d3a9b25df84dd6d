package org.trm.gateway.border;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Coverage;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.identity.CertificateIdentity;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;

/**
 * Everything an envelope must pass before this gateway stores it, in order: media type, size,
 * well-formedness, the caller may speak for {@code from}, signature with a directory key of
 * {@code from} (and not expired), the recipient is served here (inbound) or known (outbound), and
 * the agreement revision in force covers ({@code from}, {@code to}, {@code type}): no agreement,
 * one expired, one not in force yet and a type it does not list are each their own problem type.
 */
@ApplicationScoped
public class BorderCheck {

    /** An envelope that passed, and the agreement revision it travels under (null: none needed). */
    public record Admitted(VerifiedEnvelope verified, Agreement agreement) {
    }

    private static final Logger LOG = Logger.getLogger(BorderCheck.class);

    @Inject
    GatewayConfig config;

    @Inject
    DirectoryHolder directory;

    private EnvelopeVerifier verifier;

    @PostConstruct
    void init() {
        verifier = new EnvelopeVerifier(directory::current, Clock.systemUTC());
    }

    public VerifiedEnvelope check(Direction direction, CertificateIdentity caller, String contentType, byte[] body) {
        return admit(direction, caller, contentType, body).verified();
    }

    /** As {@link #check}, with the agreement revision the envelope travels under. */
    public Admitted admit(Direction direction, CertificateIdentity caller, String contentType, byte[] body) {
        if (!MediaTypes.is(contentType, MediaTypes.ENVELOPE_JWS)) {
            throw new ProtocolException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send " + MediaTypes.ENVELOPE_JWS);
        }
        return admit(direction, caller, new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Checks one envelope as it came, alone or as a member of a batch. */
    public VerifiedEnvelope check(Direction direction, CertificateIdentity caller, String jws) {
        return admit(direction, caller, jws).verified();
    }

    /** As {@link #check}, with the agreement revision the envelope travels under. */
    public Admitted admit(Direction direction, CertificateIdentity caller, String jws) {
        if (jws.length() > config.maxEnvelopeBytes()) {
            throw new ProtocolException(ProblemType.TOO_LARGE,
                    jws.length() + " bytes exceed the limit of " + config.maxEnvelopeBytes());
        }
        return admit(direction, caller, EnvelopeVerifier.read(jws.strip()));
    }

    public VerifiedEnvelope check(Direction direction, CertificateIdentity caller, EnvelopeVerifier.Unverified read) {
        return admit(direction, caller, read).verified();
    }

    /**
     * Checks an envelope and finds the agreement revision in force that it travels under (null for a
     * failure signal within this country), so that the store records the revision the check applied,
     * even if the directory changes a moment later.
     */
    public Admitted admit(Direction direction, CertificateIdentity caller, EnvelopeVerifier.Unverified read) {
        String own = config.country();
        Envelope claimed = read.claimed();
        // The transport peer must be entitled to speak for the sender before its signature matters.
        String speaksFor = direction == Direction.INBOUND ? caller.country() : own;
        if (!claimed.from().equals(speaksFor)) {
            throw refuse(ProblemType.SENDER_MISMATCH, claimed, "a " + caller.role() + " certificate of "
                    + caller.country() + " may not send for " + claimed.from());
        }
        Directory current = directory.current();
        VerifiedEnvelope verified;
        try {
            verified = verifier.verify(read);
        } catch (ProtocolException e) {
            LOG.infof("message %s refused: %s", claimed.messageId(), e.problem().type());
            throw e;
        }
        Envelope e = verified.envelope();
        if (direction == Direction.INBOUND && !e.to().equals(own)) {
            throw refuse(ProblemType.NOT_SERVED_HERE, e, "this gateway serves " + own + " only");
        }
        Participant recipient = current.participant(e.to())
                .orElseThrow(() -> refuse(ProblemType.UNKNOWN_RECIPIENT, e, e.to() + " is not a participant"));
        if (!recipient.active()) {
            throw refuse(ProblemType.PARTICIPANT_INACTIVE, e, e.to() + " is not active");
        }
        Coverage coverage = current.coverage(e.from(), e.to(), e.type(), java.time.Instant.now());
        if (coverage instanceof Coverage.Refused refused) {
            throw refuse(refused.problem(), e, refused.detail());
        }
        return new Admitted(verified, ((Coverage.Covered) coverage).agreement());
    }

    private static ProtocolException refuse(ProblemType type, Envelope e, String detail) {
        LOG.infof("message %s refused: %s", e.messageId(), type.type());
        return new ProtocolException(type, detail);
    }
}
