package io.timetracker.timer.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timetracker.contracts.security.BearerTokens;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 401 {@code unauthorized} (the problem document of every other refused token) to a bearer
 * token {@link BearerTokens#unusable} names, before authentication runs: the OIDC layer would fail
 * on it with an unexpected error and a 500.
 */
@ApplicationScoped
public class UnusableBearerRefusal {

  private final ObjectMapper json;

  public UnusableBearerRefusal(ObjectMapper json) {
    this.json = json;
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-950)
        .handler(
            ctx -> {
              if (!BearerTokens.refused(ctx.request(), json)) {
                ctx.next();
              }
            });
  }
}
