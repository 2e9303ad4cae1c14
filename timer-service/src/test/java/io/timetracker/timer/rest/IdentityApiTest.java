package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** External identities: service lookup, link and unlink; a person's own list; the admin's link. */
@QuarkusTest
class IdentityApiTest {
  private static final String SLACK = TestTokens.service("connector-slack");

  /** connector-github granted every capability, so it may also link GitHub logins. */
  private static final String GITHUB =
      TestTokens.service("connector-github", TestTokens.ALL_CAPABILITIES);

  private static final String ADMIN = TestTokens.admin("identity-admin");

  @Inject TestDb db;

  @Test
  void linkingIsIdempotentAndTheLookupFindsTheUser() {
    long user = Fixtures.userId(TestTokens.user("id-link"));

    long id =
        link(SLACK, user, "slack", "T1:U-link", "Link Person")
            .then()
            .statusCode(201)
            .body("userId", equalTo((int) user))
            .body("provider", equalTo("slack"))
            .body("externalId", equalTo("T1:U-link"))
            .body("displayName", equalTo("Link Person"))
            .extract()
            .jsonPath()
            .getLong("id");
    link(SLACK, user, "slack", "T1:U-link", null)
        .then()
        .statusCode(200)
        .body("id", equalTo((int) id));

    lookup(SLACK, "slack", "T1:U-link").then().statusCode(200).body("id", equalTo((int) user));
    assertThat(db.identities("slack", "T1:U-link")).isEqualTo(1);
  }

  @Test
  void anIdentityOfAnotherUserIsAConflict() {
    long owner = Fixtures.userId(TestTokens.user("id-owner"));
    long thief = Fixtures.userId(TestTokens.user("id-thief"));
    link(SLACK, owner, "slack", "T1:U-owned", null).then().statusCode(201);

    assertProblem(link(SLACK, thief, "slack", "T1:U-owned", null).then(), 409, "identity_in_use");
    lookup(SLACK, "slack", "T1:U-owned").then().statusCode(200).body("id", equalTo((int) owner));
  }

  @Test
  void unlinkRemovesTheLinkAndTheLookupThenFindsNobody() {
    long user = Fixtures.userId(TestTokens.user("id-unlink"));
    long other = Fixtures.userId(TestTokens.user("id-unlink-other"));
    link(SLACK, user, "slack", "T1:U-unlink", null).then().statusCode(201);

    assertProblem(unlink(SLACK, other, "slack", "T1:U-unlink").then(), 404, "identity_not_found");
    unlink(SLACK, user, "slack", "T1:U-unlink").then().statusCode(204);

    assertProblem(lookup(SLACK, "slack", "T1:U-unlink").then(), 404, "user_not_found");
    assertProblem(unlink(SLACK, user, "slack", "T1:U-unlink").then(), 404, "identity_not_found");
  }

  @Test
  void githubLoginsAreMatchedCaseInsensitively() {
    long user = Fixtures.userId(TestTokens.user("id-case"));
    link(GITHUB, user, "github", "Octo-Case", null)
        .then()
        .statusCode(201)
        .body("externalId", equalTo("octo-case"));

    lookup(GITHUB, "github", "OCTO-CASE").then().statusCode(200).body("id", equalTo((int) user));
    service(GITHUB)
        .get("/api/v1/service/users/by-github/octo-CASE")
        .then()
        .statusCode(200)
        .body("id", equalTo((int) user))
        .body("githubUsername", equalTo("Octo-Case"));
  }

  @Test
  void aPersonListsAndRemovesTheirOwnIdentitiesOnly() {
    String me = TestTokens.user("id-me");
    long user = Fixtures.userId(me);
    long id = link(SLACK, user, "slack", "T1:U-me", null).then().extract().jsonPath().getLong("id");
    String stranger = TestTokens.user("id-stranger");
    Fixtures.userId(stranger);

    given()
        .auth()
        .oauth2(me)
        .get("/api/v1/me/identities")
        .then()
        .statusCode(200)
        .body("externalId", contains("T1:U-me"));
    assertProblem(
        given().auth().oauth2(stranger).delete("/api/v1/me/identities/" + id).then(),
        404,
        "identity_not_found");
    given().auth().oauth2(me).delete("/api/v1/me/identities/" + id).then().statusCode(204);

    given()
        .auth()
        .oauth2(me)
        .get("/api/v1/me/identities")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
  }

  @Test
  void theAdminsGithubLoginIsAGithubIdentity() {
    String person = TestTokens.user("id-admin-set");
    long user = Fixtures.userId(person);
    long rival = Fixtures.userId(TestTokens.user("id-admin-rival"));

    setGithubLogin(user, "Octo-Admin")
        .statusCode(200)
        .body("githubUsername", equalTo("Octo-Admin"));
    lookup(GITHUB, "github", "octo-admin").then().statusCode(200).body("id", equalTo((int) user));
    given()
        .auth()
        .oauth2(person)
        .get("/api/v1/me/identities")
        .then()
        .body("externalId", contains("octo-admin"))
        .body("linkedBy", contains("admin"));
    assertProblem(setGithubLogin(rival, "OCTO-ADMIN"), 409, "github_username_taken");

    setGithubLogin(user, "Octo-Renamed")
        .statusCode(200)
        .body("githubUsername", equalTo("Octo-Renamed"));
    assertProblem(lookup(GITHUB, "github", "octo-admin").then(), 404, "user_not_found");
    setGithubLogin(user, "").statusCode(200).body("githubUsername", equalTo(null));
    assertProblem(lookup(GITHUB, "github", "octo-renamed").then(), 404, "user_not_found");
  }

  @Test
  void aDeactivatedUserIsNotFoundByTheDeprecatedGithubLookup() {
    long user = Fixtures.userId(TestTokens.user("id-inactive"));
    setGithubLogin(user, "octo-inactive").statusCode(200);
    Fixtures.deactivate(user);

    assertProblem(
        service(GITHUB).get("/api/v1/service/users/by-github/octo-inactive").then(),
        404,
        "user_not_found");
  }

  @Test
  void badIdentityInputIsAValidationProblem() {
    long user = Fixtures.userId(TestTokens.user("id-bad"));

    assertProblem(link(SLACK, user, "Slack!", "T1:U1", null).then(), 400, "validation_failed");
    assertProblem(link(SLACK, user, "slack", " ", null).then(), 400, "validation_failed");
    assertProblem(
        service(SLACK)
            .queryParam("provider", "slack")
            .get("/api/v1/service/users/by-identity")
            .then(),
        400,
        "validation_failed");
  }

  private io.restassured.response.ValidatableResponse setGithubLogin(long user, String login) {
    return given()
        .auth()
        .oauth2(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("githubUsername", login))
        .patch("/api/v1/users/" + user)
        .then();
  }

  private static io.restassured.response.Response link(
      String token, long user, String provider, String externalId, String displayName) {
    Map<String, Object> body =
        displayName == null
            ? Map.of("provider", provider, "externalId", externalId)
            : Map.of("provider", provider, "externalId", externalId, "displayName", displayName);
    return service(token).body(body).put("/api/v1/service/users/" + user + "/identities");
  }

  private static io.restassured.response.Response unlink(
      String token, long user, String provider, String externalId) {
    return service(token)
        .queryParam("provider", provider)
        .queryParam("externalId", externalId)
        .delete("/api/v1/service/users/" + user + "/identities");
  }

  private static io.restassured.response.Response lookup(
      String token, String provider, String externalId) {
    return service(token)
        .queryParam("provider", provider)
        .queryParam("externalId", externalId)
        .get("/api/v1/service/users/by-identity");
  }

  private static RequestSpecification service(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }
}
