package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task list answers a page at a time: the body stays the array of tasks, {@code X-Total-Count}
 * says how many there are and {@code Link rel="next"} leads on, so a project with more tasks than
 * one page never looks smaller than it is.
 */
@QuarkusTest
class TaskListPagingTest {

  @Test
  void pagesFollowTheLinkUntilEveryTaskWasSeenOnce() {
    String token = TestTokens.user("task-paging");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));
    for (int i = 1; i <= 5; i++) {
      create(token, project, "Task " + i);
    }

    Response first = list(token, "/api/v1/tasks?projectId=" + project + "&size=2");
    first.then().statusCode(200).header("X-Total-Count", "5");
    assertThat(names(first)).containsExactly("Task 1", "Task 2");

    Response second = list(token, next(first));
    assertThat(names(second)).containsExactly("Task 3", "Task 4");
    Response last = list(token, next(second));
    assertThat(names(last)).containsExactly("Task 5");
    assertThat(last.header("Link")).as("no next page after the last").isNull();
    last.then().header("X-Total-Count", "5");
  }

  @Test
  void withoutPagingParametersOnePageHoldsUpToAThousandAndSaysTheTotal() {
    String token = TestTokens.user("task-paging-default");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));
    create(token, project, "Only");

    Response all = list(token, "/api/v1/tasks?projectId=" + project);
    all.then().statusCode(200).header("X-Total-Count", "1");
    assertThat(names(all)).containsExactly("Only");
    assertThat(all.header("Link")).isNull();
  }

  @Test
  void aPageSizeAboveAThousandOrANegativePageIsAClearBadRequest() {
    String token = TestTokens.user("task-paging-bad");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));

    for (String query : List.of("&size=1001", "&size=0", "&page=-1")) {
      given()
          .auth()
          .oauth2(token)
          .get("/api/v1/tasks?projectId=" + project + query)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  private static void create(String token, long project, String name) {
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project, "name", name))
        .post("/api/v1/tasks")
        .then()
        .statusCode(201)
        .body("name", equalTo(name));
  }

  private static Response list(String token, String pathAndQuery) {
    return given().auth().oauth2(token).get(pathAndQuery);
  }

  private static List<String> names(Response r) {
    return r.then().statusCode(200).extract().jsonPath().getList("name", String.class);
  }

  /** The next page's path and query from the Link header (absolute URL as the server wrote it). */
  private static String next(Response r) {
    String link = r.header("Link");
    assertThat(link).as("Link header").isNotNull().endsWith("; rel=\"next\"");
    String url = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    return url.substring(url.indexOf("/api/"));
  }
}
