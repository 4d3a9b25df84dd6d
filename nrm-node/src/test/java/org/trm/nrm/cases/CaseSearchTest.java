package org.trm.nrm.cases;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class CaseSearchTest {
    String org;
    String token;

    @BeforeEach
    void cases() {
        org = Api.newOrganisation("LawEnforcement");
        token = TestTokens.caseWorker(org);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = Api.caseBody();
            body.put("citizenship", i < 3 ? "RO" : "BG");
            body.put("formsOfExploitation", i % 2 == 0 ? List.of("Sexual") : List.of("Labour", "ForcedBegging"));
            as(token).body(body).post("/api/v1/cases").then().statusCode(201);
        }
    }

    @Test
    void shouldFilterAndPageWhenSearching() {
        as(token).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(5)).body("items", hasSize(5));
        as(token).queryParam("citizenship", "BG").get("/api/v1/cases").then().body("total", equalTo(2));
        as(token).queryParam("formOfExploitation", "ForcedBegging").get("/api/v1/cases").then().body("total", equalTo(2));
        as(token).queryParam("formOfExploitation", "SEXUAL").queryParam("citizenship", "RO").get("/api/v1/cases")
                .then().body("total", equalTo(2));
        as(token).queryParam("phase", "IDENTIFICATION").queryParam("size", 2).queryParam("page", 2)
                .get("/api/v1/cases").then().body("total", equalTo(5)).body("items", hasSize(1))
                .body("page", equalTo(2)).body("size", equalTo(2));
        as(token).queryParam("phase", "CLOSED").get("/api/v1/cases").then().body("total", equalTo(0));
        as(token).queryParam("size", 2).get("/api/v1/cases").then().body("total", equalTo(5))
                .body("totalCapped", equalTo(false)).body("items", hasSize(2));
        as(token).queryParam("size", 2).queryParam("page", 7).get("/api/v1/cases").then().body("total", equalTo(5))
                .body("items", hasSize(0));
        String reference = as(token).get("/api/v1/cases").then().extract().path("items[0].reference");
        as(token).queryParam("reference", reference).get("/api/v1/cases").then().body("items.reference",
                equalTo(List.of(reference)));
    }
}
