package org.trm.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.directory.ParticipantStatus;
import org.trm.model.envelope.Envelope;
import org.trm.model.code.MessageType;

/** Two countries with real keys, an agreement between them, and a third without one. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final PublicJsonWebKey AT_SIG = Jwks.generate("AT-sig-1", Jwks.USE_SIG);
    static final PublicJsonWebKey AT_ENC = Jwks.generate("AT-enc-1", Jwks.USE_ENC);
    static final PublicJsonWebKey BG_SIG = Jwks.generate("BG-sig-1", Jwks.USE_SIG);
    static final PublicJsonWebKey BG_ENC = Jwks.generate("BG-enc-1", Jwks.USE_ENC);
    static final PublicJsonWebKey RO_SIG = Jwks.generate("RO-sig-1", Jwks.USE_SIG);
    static final PublicJsonWebKey OPERATOR = Jwks.generate("operator-1", Jwks.USE_SIG);

    static final Directory DIRECTORY = new Directory(1, NOW,
            List.of(participant("AT", AT_SIG, AT_ENC), participant("BG", BG_SIG, BG_ENC),
                    participant("RO", RO_SIG, Jwks.generate("RO-enc-1", Jwks.USE_ENC))),
            List.of(new Agreement("AT-BG", List.of("AT", "BG"), Set.of(MessageType.REFERRAL, MessageType.CASE_UPDATE),
                    NOW.minus(Duration.ofDays(1)), null, Duration.ofHours(72))));

    private Fixtures() {
    }

    static Participant participant(String cc, PublicJsonWebKey... keys) {
        return new Participant(cc, "NRM " + cc, "https://127.0.0.1/" + cc, ParticipantStatus.ACTIVE,
                java.util.Arrays.stream(keys).map(Jwks::publicParams).toList());
    }

    static Envelope referral(String from, String to, String body) {
        return Envelope.create(MessageType.REFERRAL, from, to, null, null, NOW, Duration.ofDays(7), body);
    }
}
