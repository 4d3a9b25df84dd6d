package org.trm.model.envelope;

import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jose;
import org.trm.model.json.Json;

/** Signs envelopes with a node's signing key: the proof of origin every hop checks. */
public final class EnvelopeSigner {
    public static final String TYP = "trm-envelope+jws";

    private final PublicJsonWebKey signingKey;

    public EnvelopeSigner(PublicJsonWebKey signingKey) {
        if (signingKey.getPrivateKey() == null || signingKey.getKeyId() == null) {
            throw new IllegalArgumentException("a signing key needs its private part and a kid");
        }
        this.signingKey = signingKey;
    }

    public String sign(Envelope envelope) {
        return signDocument(envelope, TYP);
    }

    /**
     * Another document the participant vouches for with the same key (an audit checkpoint), under
     * its own {@code typ} so that it can never pass for an envelope; the same signing path as envelopes.
     */
    public String signDocument(Object document, String typ) {
        return Jose.sign(Json.write(document), typ, signingKey);
    }

    public String kid() {
        return signingKey.getKeyId();
    }
}
