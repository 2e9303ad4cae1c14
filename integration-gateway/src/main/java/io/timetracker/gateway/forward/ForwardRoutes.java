package io.timetracker.gateway.forward;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.timetracker.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Mounts every configured public route ({@code gateway.routes.*}) on the HTTP router, ahead of the
 * REST layer: rate limit per source, then (for routes that need a signed-in person) their token,
 * then the byte-for-byte forward. The gateway never parses what it forwards.
 *
 * <p>Routes without {@code signed-in} (the providers' webhooks and callbacks, whose senders the
 * connector authenticates by signature) are mounted before Quarkus' HTTP security handlers ({@link
 * #OPEN_ROUTE_ORDER}): nobody is signed in there, so the per-request authentication set-up,
 * permission check and REST path-template lookup those handlers run would be spent for nothing. A
 * {@code quarkus.http.auth.permission} on such a path therefore has no effect; make the route
 * {@code signed-in} instead (integration-gateway/README.md).
 */
@ApplicationScoped
public class ForwardRoutes {

  private static final Logger LOG = Logger.getLogger(ForwardRoutes.class);

  /**
   * Router order of the routes without sign-in: after CORS (order -300), before authentication
   * (-200) and authorization (-100); Quarkus mounts its filters at minus their priority ({@code
   * SecurityHandlerPriorities}).
   */
  static final int OPEN_ROUTE_ORDER = -250;

  private final GatewayConfig config;
  private final Forwarder forwarder;
  private final SourceRateLimiter limiter;
  private final ForwardAnswers answers;

  /** Collaborators. */
  public ForwardRoutes(
      GatewayConfig config,
      Forwarder forwarder,
      SourceRateLimiter limiter,
      ForwardAnswers answers) {
    this.config = config;
    this.forwarder = forwarder;
    this.limiter = limiter;
    this.answers = answers;
  }

  void install(@Observes Router router) {
    config
        .routes()
        .forEach(
            (name, route) -> {
              GatewayConfig.Connector connector = config.connectors().get(route.connector());
              if (connector == null) {
                throw new IllegalStateException(
                    "gateway.routes." + name + ".connector names no gateway.connectors entry");
              }
              ForwardTarget target = ForwardTarget.of(name, route, connector.url());
              for (String path : route.paths()) {
                for (String method : route.methods()) {
                  router
                      .route(HttpMethod.valueOf(method.trim().toUpperCase()), path.trim())
                      .order(
                          route.signedIn()
                              ? RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT
                              : OPEN_ROUTE_ORDER)
                      .handler(ctx -> handle(ctx, target));
                  LOG.debugf("forwarding %s %s to %s", method, path, route.connector());
                }
              }
            });
  }

  private void handle(RoutingContext ctx, ForwardTarget target) {
    String source =
        ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    OptionalLong wait = limiter.tryAcquire(target.name(), target.route(), source);
    if (wait.isPresent()) {
      answers.rateLimited(ctx, wait.getAsLong());
      return;
    }
    if (!target.route().signedIn()) {
      forwarder.forward(ctx, target, null);
      return;
    }
    QuarkusHttpUser.getSecurityIdentity(ctx, null)
        .subscribe()
        .with(identity -> withToken(ctx, target, identity), failure -> answers.unauthorized(ctx));
  }

  private void withToken(RoutingContext ctx, ForwardTarget target, SecurityIdentity identity) {
    AccessTokenCredential token =
        identity == null ? null : identity.getCredential(AccessTokenCredential.class);
    if (token == null || identity.isAnonymous()) {
      answers.unauthorized(ctx);
      return;
    }
    forwarder.forward(ctx, target, token.getToken());
  }
}
