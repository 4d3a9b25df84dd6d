package org.trm.nrm.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class AuditChainTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldReportFirstBrokenEntryWhenRowIsTamperedWith() throws Exception {
        String org = Api.newOrganisation("NGO");
        String id = Api.createCaseId(org);
        String token = TestTokens.caseWorker(org);
        as(token).body(Map.of("givenName", "Ana")).put("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            as(token).get("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        }
        as(TestTokens.auditor()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("firstBrokenSeq", nullValue())
                // Checked against itself only: a node outside the federation has no gateway to anchor at.
                .body("anchor.state", equalTo("NOT_ANCHORED"))
                .body("anchor.reason", equalTo("this node is not connected to the federation"));
        long seq = ((Number) as(TestTokens.auditor()).queryParam("caseId", id).get("/api/v1/audit").then()
                .extract().path("items[1].seq")).longValue();

        // Someone with database access hides who read the data.
        String actor = update("UPDATE audit_entry SET actor = 'nobody' WHERE seq = ? RETURNING 'x'", seq, null);
        try {
            as(TestTokens.auditor()).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq))
                    .body("reason", equalTo("its content does not match its hash"));
        } finally {
            update("UPDATE audit_entry SET actor = ? WHERE seq = ? RETURNING 'x'", seq, "worker@" + org);
        }
        as(TestTokens.auditor()).get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void shouldReportMissingEntryWhenRowIsDeleted() throws Exception {
        String org = Api.newOrganisation("NGO");
        String id = Api.createCaseId(org);
        String token = TestTokens.caseWorker(org);
        as(token).body(Map.of("givenName", "Ana")).put("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        as(token).get("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        as(token).get("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        long seq = ((Number) as(TestTokens.auditor()).queryParam("caseId", id).get("/api/v1/audit").then()
                .extract().path("items[1].seq")).longValue();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq = " + seq);
            c.createStatement().execute("DELETE FROM audit_entry WHERE seq = " + seq);
            c.commit();
            try {
                as(TestTokens.auditor()).get("/api/v1/audit/verify").then()
                        .body("valid", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq))
                        .body("reason", equalTo("entry " + seq + " is missing"));
            } finally {
                c.createStatement().execute("INSERT INTO audit_entry SELECT * FROM saved");
                c.commit();
            }
        }
        as(TestTokens.auditor()).get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void shouldDenyAuditTrailWhenCallerIsNotAuditor() {
        as(TestTokens.coordinator()).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.admin()).get("/api/v1/audit/verify").then().statusCode(403);
    }

    private String update(String sql, long seq, String actor) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (actor == null) {
                ps.setLong(1, seq);
            } else {
                ps.setString(1, actor);
                ps.setLong(2, seq);
            }
            ps.execute();
            return actor;
        }
    }
}
