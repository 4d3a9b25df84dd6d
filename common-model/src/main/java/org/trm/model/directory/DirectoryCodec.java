package org.trm.model.directory;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.trm.model.crypto.Jose;
import org.trm.model.crypto.LowS;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/** The directory as a JWS signed by the federation operator. */
public final class DirectoryCodec {
    public static final String TYP = "trm-directory+jws";

    private DirectoryCodec() {
    }

    public static String sign(Directory directory, PublicJsonWebKey operatorKey) {
        return Jose.sign(Json.write(directory), TYP, operatorKey);
    }

    /** Verifies the operator's signature and returns the directory; anything else is DIRECTORY_INVALID. */
    public static Directory verify(String compactJws, PublicJsonWebKey operatorKey) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setProviderContext(Jose.providers());
            jws.setAlgorithmConstraints(Jose.only(Jose.SIGNATURE_ALG));
            jws.setCompactSerialization(compactJws.strip());
            if (!TYP.equals(jws.getHeader("typ"))) {
                throw new ProtocolException(ProblemType.DIRECTORY_INVALID, "not a federation directory");
            }
            jws.setKey(operatorKey.getPublicKey());
            if (!jws.verifySignature()) {
                throw new ProtocolException(ProblemType.DIRECTORY_INVALID, "the operator's signature does not verify");
            }
            if (LowS.isHigh(compactJws.strip())) {
                throw new ProtocolException(ProblemType.DIRECTORY_INVALID, "the operator's signature is not low-S");
            }
            return parse(jws.getUnverifiedPayload());
        } catch (JoseException e) {
            throw new ProtocolException(ProblemType.DIRECTORY_INVALID, "the directory is not a valid JWS", e);
        }
    }

    public static Directory parse(String json) {
        try {
            return Json.read(json, Directory.class);
        } catch (ProtocolException e) {
            throw new ProtocolException(ProblemType.DIRECTORY_INVALID, e.getMessage(), e);
        }
    }
}
