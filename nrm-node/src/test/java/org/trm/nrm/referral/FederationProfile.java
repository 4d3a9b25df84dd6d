package org.trm.nrm.referral;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.trm.testkit.pki.Pki;

/**
 * The node as country AT of a federation whose material deploy/pki made in target/pki. The gateway
 * URL leads nowhere: these tests look at what the node queues and what it accepts, not at delivery.
 */
public class FederationProfile implements QuarkusTestProfile {
    static final Pki PKI = Pki.TEST;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("nrm.federation.enabled", "true"),
                // The follow-up gauges are recomputed every second, so that a test sees them follow.
                Map.entry("nrm.follow-up.refresh", "1s"),
                Map.entry("nrm.federation.gateway-url", "https://127.0.0.1:9"),
                Map.entry("nrm.federation.signing-key", PKI.signingKeyFile("AT").toString()),
                Map.entry("nrm.federation.encryption-keys", PKI.encryptionKeyFile("AT").toString()),
                Map.entry("nrm.federation.directory", PKI.directory().toString()),
                Map.entry("nrm.federation.operator-key", PKI.operatorPublicKey().toString()),
                Map.entry("quarkus.tls.federation.key-store.p12.path", PKI.keystore("AT", "node").toString()),
                Map.entry("quarkus.tls.federation.key-store.p12.password", PKI.password()),
                Map.entry("quarkus.tls.federation.trust-store.p12.path", PKI.truststore().toString()),
                Map.entry("quarkus.tls.federation.trust-store.p12.password", PKI.password()));
    }
}
