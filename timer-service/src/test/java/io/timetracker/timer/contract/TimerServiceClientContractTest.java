package io.timetracker.timer.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.contracts.client.TimerServiceClient;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connectors' typed client ({@link TimerServiceClient} in contracts) against the core's
 * generated OpenAPI document (STYLE D3.6): every client method is an operation of the server with
 * the same HTTP method, path template, operationId, path and query parameters and body presence.
 */
@QuarkusTest
class TimerServiceClientContractTest {
  private JsonNode paths;

  @BeforeEach
  void fetchOpenApiDocument() throws Exception {
    String json =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    paths = new ObjectMapper().readTree(json).path("paths");
  }

  @Test
  void everyClientMethodIsAnOperationWithTheSameOperationId() {
    List<Method> methods = clientMethods();
    assertThat(methods).hasSize(14);

    assertThat(methods)
        .allSatisfy(
            m -> {
              JsonNode operation = operation(m);
              assertThat(operation.isMissingNode())
                  .as("%s %s (%s) is in the core's OpenAPI document", verb(m), path(m), m.getName())
                  .isFalse();
              assertThat(operation.path("operationId").asText())
                  .as("operationId of %s", m.getName())
                  .isEqualTo(m.getAnnotation(Operation.class).operationId());
              // the server's operation, not one scanned from the client interface on the classpath
              assertThat(operation.path("tags").toString()).contains("\"service\"");
              assertThat(operation.path("summary").asText()).isNotBlank();
            });
  }

  @Test
  void clientParametersAndBodiesMatchTheOperations() {
    assertThat(clientMethods())
        .allSatisfy(
            m -> {
              JsonNode operation = operation(m);
              assertThat(declared(operation, "path"))
                  .as("path parameters of %s", m.getName())
                  .isEqualTo(names(m, PathParam.class));
              assertThat(declared(operation, "query"))
                  .as("query parameters of %s", m.getName())
                  .isEqualTo(names(m, QueryParam.class));
              assertThat(operation.has("requestBody"))
                  .as("%s sends a body exactly when the operation takes one", m.getName())
                  .isEqualTo(bodyParameter(m).isPresent());
            });
  }

  @Test
  void everyServiceOperationOfTheCoreHasAClientMethod() {
    Set<String> serverIds = new TreeSet<>();
    paths
        .properties()
        .forEach(
            p -> {
              if (p.getKey().startsWith("/api/v1/service/")) {
                p.getValue().forEach(op -> serverIds.add(op.path("operationId").asText()));
              }
            });
    Set<String> clientIds = new TreeSet<>();
    clientMethods().forEach(m -> clientIds.add(m.getAnnotation(Operation.class).operationId()));

    assertThat(clientIds).isEqualTo(serverIds);
  }

  private JsonNode operation(Method m) {
    return paths.path(path(m)).path(verb(m).toLowerCase(Locale.ROOT));
  }

  private static List<Method> clientMethods() {
    return Arrays.stream(TimerServiceClient.class.getDeclaredMethods())
        .filter(m -> verbOf(m) != null)
        .sorted((a, b) -> a.getName().compareTo(b.getName()))
        .toList();
  }

  private static String verb(Method m) {
    return verbOf(m);
  }

  private static String verbOf(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static String path(Method m) {
    String base = TimerServiceClient.class.getAnnotation(Path.class).value();
    Path own = m.getAnnotation(Path.class);
    return own == null ? base : base + own.value();
  }

  private static Set<String> names(Method m, Class<? extends Annotation> kind) {
    Set<String> names = new TreeSet<>();
    for (Parameter p : m.getParameters()) {
      if (kind == PathParam.class && p.isAnnotationPresent(PathParam.class)) {
        names.add(p.getAnnotation(PathParam.class).value());
      }
      if (kind == QueryParam.class && p.isAnnotationPresent(QueryParam.class)) {
        names.add(p.getAnnotation(QueryParam.class).value());
      }
    }
    return names;
  }

  private static Optional<Parameter> bodyParameter(Method m) {
    return Arrays.stream(m.getParameters()).filter(p -> p.getAnnotations().length == 0).findFirst();
  }

  private static Set<String> declared(JsonNode operation, String in) {
    List<String> names = new ArrayList<>();
    operation
        .path("parameters")
        .forEach(
            p -> {
              if (in.equals(p.path("in").asText())) {
                names.add(p.path("name").asText());
              }
            });
    return new TreeSet<>(names);
  }
}
