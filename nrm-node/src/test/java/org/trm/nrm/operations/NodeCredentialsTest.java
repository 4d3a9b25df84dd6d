package org.trm.nrm.operations;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.referral.FederationProfile;
import org.trm.nrm.support.TestTokens;

/**
 * The node's own certificates and keys on the operator page: here with a warning period longer than
 * any certificate or key lives, so that every one of them is marked for renewal.
 */
@QuarkusTest
@TestProfile(NodeCredentialsTest.LongWarning.class)
class NodeCredentialsTest {
    private static final String PATH = "/api/v1/operations/credentials";

    public static class LongWarning extends FederationProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("nrm.federation.certificate-expiry-warning", "36500d");
            return overrides;
        }
    }

    @Test
    void shouldMarkCertificatesExpiringWithinTheWarningAndCheckKeysAgainstTheDirectoryWhenAsked() {
        as(TestTokens.admin()).get(PATH).then().statusCode(200).contentType("application/json")
                .body("federation", equalTo(true))
                // The node's own certificate (CN=node.at) and the federation CA it trusts.
                .body("certificates.name", hasItems("keystore.node", "truststore.trm-federation-ca"))
                .body("certificates.find { it.name == 'keystore.node' }.subject", org.hamcrest.Matchers.containsString("CN=node.at"))
                .body("certificates.daysLeft", everyItem(greaterThan(30)))
                .body("certificates.expiringSoon", everyItem(equalTo(true)))
                // The keys the node holds are the ones the directory publishes for AT, and each works as used.
                .body("keys.kid", hasItems("AT-sig-1", "AT-enc-1"))
                .body("keys.find { it.kid == 'AT-sig-1' }.use", equalTo("sig"))
                .body("keys.find { it.kid == 'AT-sig-1' }.inUse", equalTo(true))
                .body("keys.find { it.kid == 'AT-enc-1' }.inUse", equalTo(true))
                .body("keys.held", everyItem(equalTo(true))).body("keys.published", everyItem(equalTo(true)))
                .body("keys.sound", everyItem(equalTo(true)))
                // The directory gives each key an expiry (two years from its making): within this warning.
                .body("keys.expiresAt", everyItem(org.hamcrest.Matchers.notNullValue()))
                .body("keys.daysLeft", everyItem(greaterThan(30)))
                .body("keys.expiringSoon", everyItem(equalTo(true)));
    }

    @Test
    void shouldShowTheCredentialsToTheNodeAdministratorOnly() {
        as(TestTokens.coordinator()).get(PATH).then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.auditor()).get(PATH).then().statusCode(403);
    }
}
