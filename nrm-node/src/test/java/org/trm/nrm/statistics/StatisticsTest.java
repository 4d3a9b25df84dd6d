package org.trm.nrm.statistics;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class StatisticsTest {

    @Test
    void shouldSuppressSmallCellsWhenCountingCases() {
        String org = Api.newOrganisation("LawEnforcement");
        // Citizenships nobody else in the test database uses: 6 from MD, 1 from UA, 1 from BY.
        for (int i = 0; i < 8; i++) {
            Map<String, Object> body = Api.caseBody();
            body.put("citizenship", i < 6 ? "MD" : i == 6 ? "UA" : "BY");
            as(TestTokens.caseWorker(org)).body(body).post("/api/v1/cases").then().statusCode(201);
        }
        var stats = as(TestTokens.auditor()).get("/api/v1/statistics").then().statusCode(200)
                .body("country", equalTo("AT")).body("minimumCellSize", equalTo(5))
                .body("dimensions.citizenship.find { it.value == 'MD' }.count", equalTo(6))
                .body("dimensions.citizenship.find { it.value == 'UA' }.count", nullValue())
                .body("dimensions.citizenship.find { it.value == 'UA' }.suppressed", equalTo(true))
                .extract();
        List<Map<String, Object>> cells = stats.path("dimensions.citizenship");
        long suppressed = cells.stream().filter(c -> Boolean.TRUE.equals(c.get("suppressed"))).count();
        assertNotEquals(1, suppressed,
                "a lone suppressed cell could be recovered from the total");
        as(TestTokens.coordinator()).queryParam("year", 1999).get("/api/v1/statistics").then().statusCode(400);
    }

    @Test
    void shouldSuppressNextSmallestCellWhenOnlyOneCellIsSmall() {
        String org = Api.newOrganisation("LawEnforcement");
        // The only case of unknown sex in the test database: a lone small cell in the sex dimension.
        Map<String, Object> body = Api.caseBody();
        body.remove("sex");
        as(TestTokens.caseWorker(org)).body(body).post("/api/v1/cases").then().statusCode(201);
        List<Map<String, Object>> cells = as(TestTokens.auditor()).get("/api/v1/statistics").then().statusCode(200)
                .extract().path("dimensions.sex");
        long suppressed = cells.stream().filter(c -> Boolean.TRUE.equals(c.get("suppressed"))).count();
        assertNotEquals(1, suppressed, "a lone suppressed cell could be recovered from the total");
    }
}
