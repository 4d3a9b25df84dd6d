package org.trm.nrm.organisation;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class OrganisationTest {

    @Test
    void shouldRegisterAndUpdateOrganisationWhenNodeAdminAsks() {
        Map<String, Object> body = Map.of("id", "at-asylum-office", "name", "Federal Office for Asylum",
                "type", "ImmigrationService", "country", "AT");
        as(TestTokens.admin()).body(body).post("/api/v1/organisations").then().statusCode(201)
                .header("Location", endsWith("/api/v1/organisations/at-asylum-office")).header("ETag", "\"0\"")
                .body("type", equalTo("ImmigrationService")).body("active", equalTo(true));
        as(TestTokens.admin()).body(body).post("/api/v1/organisations").then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:duplicate"));
        as(TestTokens.admin()).header("If-Match", "\"0\"").body(Map.of("id", "at-asylum-office", "name", "BFA",
                "type", "ImmigrationService", "country", "AT", "active", false))
                .put("/api/v1/organisations/at-asylum-office").then().statusCode(200).body("active", equalTo(false))
                .header("ETag", "\"1\"");
        as(TestTokens.ngo("any")).get("/api/v1/organisations").then().statusCode(200)
                .body("id", hasItem("at-asylum-office"));
    }

    @Test
    void shouldRefuseOrganisationWhenFieldsAreInvalid() {
        as(TestTokens.admin()).body(Map.of("id", "Bad Id!", "name", "", "type", "Mafia", "country", "AT"))
                .post("/api/v1/organisations").then().statusCode(400).body("type", equalTo("urn:trm:problem:invalid-value"));
        as(TestTokens.admin()).body(Map.of("id", "Bad Id!", "name", "", "type", "NGO", "country", "ZZ"))
                .post("/api/v1/organisations").then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:validation-failed"))
                .body("violations.field", equalTo(java.util.List.of("country", "id", "name")));
        as(TestTokens.admin()).get("/api/v1/organisations/Bad Id!").then().statusCode(404);
    }
}
