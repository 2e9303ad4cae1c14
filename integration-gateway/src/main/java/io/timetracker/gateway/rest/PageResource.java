package io.timetracker.gateway.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.timetracker.gateway.client.ConnectorClients;
import io.timetracker.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Personal connectors page: one card per connector, filled and driven by a small script against
 * the user API with the sign-in session (no build chain). Signing in is Keycloak's
 * authorization-code flow.
 */
@Path("/integrations")
@Authenticated
@Tag(name = "page")
public class PageResource {

  private final ConnectorClients connectors;
  private final GatewayConfig config;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public PageResource(
      ConnectorClients connectors, GatewayConfig config, SecurityIdentity identity) {
    this.connectors = connectors;
    this.config = config;
    this.identity = identity;
  }

  /** A card's fixed part. */
  public record Card(String provider, String name) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance integrations(
        String person, String publicBaseUrl, List<Card> cards);

    static native TemplateInstance slackLink(String person, String token);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(operationId = "connectorsPage", summary = "The Personal connectors page (HTML)")
  public TemplateInstance page() {
    List<Card> cards = new ArrayList<>();
    for (String provider : connectors.providers()) {
      cards.add(new Card(provider, connectors.settings(provider).orElseThrow().name()));
    }
    return Templates.integrations(person(), config.publicBaseUrl(), cards);
  }

  /**
   * The link {@code /tt link} hands out in Slack: the signed-in person confirms that the Slack
   * account is theirs; the page then posts the token to connector-slack as them.
   */
  @GET
  @Path("/slack/link")
  @Produces(MediaType.TEXT_HTML)
  @Operation(operationId = "slackLinkPage", summary = "Confirm linking a Slack account (HTML)")
  public TemplateInstance slackLink(@QueryParam("token") String token) {
    return Templates.slackLink(person(), token == null ? "" : token);
  }

  private String person() {
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      for (String claim : new String[] {"name", "preferred_username", "email"}) {
        String value = jwt.getClaim(claim);
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
    }
    return identity.getPrincipal().getName();
  }
}
