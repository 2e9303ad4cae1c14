package io.timetracker.timer.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.timetracker.contracts.api.Problem;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length is over the limit with a 413 problem before a byte of it is
 * read (bodies without a length are capped by {@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class BodyLimitFilter {
  private final long maxBytes;
  private final ObjectMapper mapper;

  public BodyLimitFilter(
      @ConfigProperty(name = "timer.max-body-bytes", defaultValue = "1048576") long maxBytes,
      ObjectMapper mapper) {
    this.maxBytes = maxBytes;
    this.mapper = mapper;
  }

  void install(@Observes StartupEvent start, Router router) {
    router
        .route()
        .order(-1000)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader("Content-Length");
              if (length != null && tooLong(length)) {
                Problem p =
                    Problem.of(
                        413, "payload_too_large", "The body exceeds " + maxBytes + " bytes.");
                try {
                  ctx.response()
                      .setStatusCode(413)
                      .putHeader("Content-Type", Problem.MEDIA_TYPE)
                      .putHeader("Connection", "close")
                      .end(mapper.writeValueAsString(p));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                  ctx.fail(413);
                }
                return;
              }
              ctx.next();
            });
  }

  private boolean tooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
