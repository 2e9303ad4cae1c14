package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An authenticated request writes its user row only when the token brings something new: the stored
 * row is neither updated nor locked by requests whose claims match it.
 */
@QuarkusTest
class SignInWritesTest {
  @Inject TestDb db;

  @Test
  void requestsWithUnchangedClaimsLeaveTheUserRowUntouched() {
    String token = withClaims("steady-" + System.nanoTime(), "steady@example.org", "Steady");
    long user = Fixtures.userId(token);
    String before = rowVersion(user);

    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
    }

    // xmax changes when a statement updates or locks the row (ON CONFLICT DO UPDATE does both)
    assertThat(rowVersion(user)).isEqualTo(before);
  }

  @Test
  void changedClaimsAreStoredOnTheNextRequest() {
    String name = "moving-" + System.nanoTime();
    long user = Fixtures.userId(withClaims(name, "old@example.org", "Old Name"));

    long again = Fixtures.userId(withClaims(name, "new@example.org", "New Name"));

    assertThat(again).isEqualTo(user);
    assertThat(db.string("SELECT email || '/' || full_name FROM users WHERE id = ?", user))
        .isEqualTo("new@example.org/New Name");
  }

  @Test
  void aDeactivatedUserIsRefusedOnTheNextRequestWithUnchangedClaims() {
    String token = withClaims("leaving-" + System.nanoTime(), "leaving@example.org", "Leaving");
    long user = Fixtures.userId(token);

    Fixtures.deactivate(user);

    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/me")
        .then()
        .statusCode(403)
        .body("code", org.hamcrest.Matchers.equalTo("user_inactive"));
  }

  private String rowVersion(long user) {
    return db.string(
        "SELECT xmin::text || '/' || xmax::text || '/' || updated_at::text FROM users WHERE id = ?",
        user);
  }

  private static String withClaims(String name, String email, String fullName) {
    return OidcWiremockTestResource.generateJwtToken(
        name,
        Set.of("user"),
        "sub-" + name,
        "Bearer",
        Set.of(TestTokens.AUDIENCE),
        Map.of("azp", "tt-cli", "email", email, "name", fullName));
  }
}
