package org.trm.model.evidence;

import java.security.PublicKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.trm.model.crypto.Jose;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/** The manifest as a compact JWS signed with the node's signing key, like its envelopes. */
public final class ManifestCodec {
    public static final String TYP = "trm-evidence-manifest+jws";

    private ManifestCodec() {
    }

    public static String sign(Manifest manifest, PublicJsonWebKey nodeSigningKey) {
        return Jose.sign(Json.write(manifest), TYP, nodeSigningKey);
    }

    /** A manifest read but not yet checked: its claimed content and the kid that should verify it. */
    public record Unverified(Manifest manifest, String kid, JsonWebSignature jws) {
        /** Whether {@code key} made this signature. */
        public boolean signedBy(PublicKey key) {
            try {
                jws.setKey(key);
                return jws.verifySignature();
            } catch (JoseException e) {
                return false;
            }
        }
    }

    /** Parses a manifest JWS (ES256, typ {@value #TYP}); anything else is {@code malformed}. */
    public static Unverified read(String compactJws) {
        try {
            JsonWebSignature jws = Jose.readSigned(compactJws);
            if (!TYP.equals(jws.getHeader("typ"))) {
                throw new ProtocolException(ProblemType.MALFORMED, "typ must be " + TYP);
            }
            return new Unverified(Json.read(jws.getUnverifiedPayload(), Manifest.class), jws.getKeyIdHeaderValue(), jws);
        } catch (JoseException e) {
            throw new ProtocolException(ProblemType.MALFORMED, "the manifest is not a compact ES256 JWS", e);
        }
    }
}
