package org.trm.nrm.referral;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The node as country AT of a federation whose material deploy/pki made in target/pki. The gateway
 * URL leads nowhere: these tests look at what the node queues and what it accepts, not at delivery.
 */
public class FederationProfile implements QuarkusTestProfile {
    static final String PKI = "target/pki";
    static final String PASSWORD = "changeit";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("nrm.federation.enabled", "true"),
                Map.entry("nrm.federation.gateway-url", "https://127.0.0.1:9"),
                Map.entry("nrm.federation.signing-key", PKI + "/at/node-sig-1.jwk"),
                Map.entry("nrm.federation.encryption-keys", PKI + "/at/node-enc-1.jwk"),
                Map.entry("nrm.federation.directory", PKI + "/federation.jws"),
                Map.entry("nrm.federation.operator-key", PKI + "/operator/operator-public.jwk"),
                Map.entry("quarkus.tls.federation.key-store.p12.path", PKI + "/at/node.p12"),
                Map.entry("quarkus.tls.federation.key-store.p12.password", PASSWORD),
                Map.entry("quarkus.tls.federation.trust-store.p12.path", PKI + "/truststore.p12"),
                Map.entry("quarkus.tls.federation.trust-store.p12.password", PASSWORD));
    }
}
