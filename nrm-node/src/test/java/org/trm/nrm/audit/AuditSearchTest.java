package org.trm.nrm.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/** An auditor finds entries by case, by user, by kind of access and by day; each part narrows the search. */
@QuarkusTest
class AuditSearchTest {
    private static final String PATH = "/api/v1/audit";

    @Test
    void shouldFindEntriesByUserActionAndDayWhenSearching() {
        String org = Api.newOrganisation("NGO");
        String id = Api.createCaseId(org);
        String token = TestTokens.caseWorker(org);
        String actor = "worker@" + org;
        as(token).body(Map.of("givenName", "Ana")).put("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        as(token).get("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        as(token).get("/api/v1/cases/" + id + "/personal-data").then().statusCode(200);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String auditor = TestTokens.auditor();

        as(auditor).queryParam("actor", actor).get(PATH).then().statusCode(200).body("total", equalTo(3))
                .body("items.actor", everyItem(equalTo(actor)));
        as(auditor).queryParam("actor", actor).queryParam("action", "READ").get(PATH).then().statusCode(200)
                .body("total", equalTo(2)).body("items.action", everyItem(equalTo("READ")));
        as(auditor).queryParam("caseId", id).queryParam("action", "WRITE").get(PATH).then().statusCode(200)
                .body("total", equalTo(1));
        as(auditor).queryParam("actor", actor).queryParam("from", today).queryParam("to", today).get(PATH).then()
                .statusCode(200).body("total", equalTo(3));
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        as(auditor).queryParam("actor", actor).queryParam("from", tomorrow).get(PATH).then().statusCode(200)
                .body("total", equalTo(0));
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        as(auditor).queryParam("actor", actor).queryParam("to", yesterday).get(PATH).then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void shouldRefuseAnUnknownActionOrABadDayInWordsWhenSearching() {
        String auditor = TestTokens.auditor();
        as(auditor).queryParam("action", "PEEK").get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("READ"))
                .body("detail", not(containsString("PEEK")));
        as(auditor).queryParam("from", "30.11.2026").get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'from'"));
        as(TestTokens.coordinator()).queryParam("action", "READ").get(PATH).then().statusCode(403);
    }
}
