package io.timetracker.timer.rest.openapi;

import io.timetracker.contracts.api.Problem;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares the error answers every {@code /api/v1} operation shares (registered with {@code
 * mp.openapi.filter}): 400 and 500 everywhere, 401 and 403 where a token is required, 404 where the
 * path names a resource, 413 and 415 where a body is sent. Every 4xx/5xx answer, including those a
 * resource declares itself, gets {@code application/problem+json} content with the {@code Problem}
 * schema, because {@code ProblemMapper} answers every failure that way.
 */
public class ProblemResponsesFilter implements OASFilter {
  static final String API_PREFIX = "/api/v1/";
  static final String PROBLEM_REF = "#/components/schemas/Problem";

  /** Descriptions the generator writes by default; ours say which codes to expect instead. */
  private static final Set<String> GENERIC =
      Set.of(
          "Bad Request",
          "Not Authorized",
          "Not Allowed",
          "Unauthorized",
          "Forbidden",
          "Not Found",
          "Internal Server Error");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    ensureProblemSchema(openAPI);
    UnusedPageSchemas.remove(openAPI);
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith(API_PREFIX) && item.getOperations() != null) {
                item.getOperations().values().forEach(op -> declareProblems(path, op));
              }
            });
  }

  private static void declareProblems(String path, Operation op) {
    if (op.getResponses() == null) {
      op.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = op.getResponses();
    boolean body = op.getRequestBody() != null;
    put(
        responses,
        "400",
        body
            ? "validation_failed: a body field or parameter is invalid (`errors[].field` names"
                + " each one); malformed_json: the body is not JSON"
            : "validation_failed: a parameter is invalid (`errors[].field` names each one)");
    if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
      put(responses, "401", "unauthorized: the bearer token is missing, expired or invalid");
      put(
          responses,
          "403",
          "forbidden: the token lacks the role this operation needs; user_inactive: the account"
              + " is deactivated; admin_required or project_access_denied where the operation is"
              + " for admins or a project the caller is not a member of");
    }
    if (path.contains("{")) {
      put(responses, "404", "not found: the resource in the path does not exist for the caller");
    }
    if (body) {
      put(responses, "413", "payload_too_large: the body is over the size limit");
      put(responses, "415", "unsupported_media_type: the body is not application/json");
    }
    put(responses, "500", "internal_error: unexpected failure; `detail` has a reference id");
    // answers the resource declared itself (404, 409, 422 …) keep their text, gain the schema
    responses
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if (isError(code)) {
                withProblemContent(response);
              }
            });
    // in status order, as a reader scans them
    responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
  }

  private static void put(APIResponses responses, String code, String description) {
    APIResponse existing = responses.getAPIResponse(code);
    if (existing == null) {
      responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
    } else if (existing.getDescription() == null
        || existing.getDescription().isBlank()
        || GENERIC.contains(existing.getDescription())) {
      existing.setDescription(description);
    }
  }

  private static void withProblemContent(APIResponse response) {
    if (response.getRef() != null) {
      return;
    }
    Content content = response.getContent();
    if (content == null) {
      content = OASFactory.createContent();
      response.setContent(content);
    }
    if (content.getMediaType(Problem.MEDIA_TYPE) == null) {
      content.addMediaType(
          Problem.MEDIA_TYPE,
          OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
  }

  private static boolean isError(String code) {
    return code.startsWith("4") || code.startsWith("5");
  }

  /**
   * The scanner adds {@code Problem} once a resource references it; should none do so, a schema
   * with the same properties is added here so the references above always resolve.
   */
  private static void ensureProblemSchema(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
    if (schemas != null && schemas.containsKey("Problem")) {
      return;
    }
    Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    openAPI
        .getComponents()
        .addSchema(
            "FieldError",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string)
                .addProperty("message", string));
    openAPI
        .getComponents()
        .addSchema(
            "Problem",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem document with a stable machine-readable code")
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty(
                    "status",
                    OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string)
                .addProperty("code", string)
                .addProperty("instance", string)
                .addProperty(
                    "errors",
                    OASFactory.createSchema()
                        .addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError"))));
  }
}
