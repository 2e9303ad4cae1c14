package io.timetracker.connector.kit.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.contracts.api.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/**
 * Reads a webhook body itself, before the REST layer, so no oversized body is ever buffered: a
 * declared {@code Content-Length} over the provider's cap is refused before a byte is read, and a
 * chunked body is refused as soon as the bytes read pass the cap (413 problem+json, connection
 * closed). The bytes read are handed to the resource through the routing context.
 */
@ApplicationScoped
public class WebhookBodyLimit {

  private static final String RAW_BODY = WebhookBodyLimit.class.getName() + ".body";

  private final ObjectMapper json;
  private final Instance<WebhookProvider<?, ?>> providers;

  /** Every provider's path gets its cap. */
  public WebhookBodyLimit(ObjectMapper json, @Any Instance<WebhookProvider<?, ?>> providers) {
    this.json = json;
    this.providers = providers;
  }

  void install(@Observes Router router) {
    for (WebhookProvider<?, ?> provider : providers) {
      long max = provider.maxBodyBytes();
      router
          .route(HttpMethod.POST, provider.path() + "*")
          .order(-900)
          .handler(ctx -> read(ctx, max));
    }
  }

  /** The raw body read for this request; empty when none was sent. */
  public static byte[] body(RoutingContext ctx) {
    byte[] body = ctx.get(RAW_BODY);
    return body == null ? new byte[0] : body;
  }

  /** The 413 of a body over {@code max} bytes. */
  public static ApiException tooLarge(long max) {
    return new ApiException(413, "payload_too_large", "Body larger than " + max + " bytes.");
  }

  private void read(RoutingContext ctx, long max) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("Content-Length");
    if (length != null && declaredTooLong(length, max)) {
      refuse(ctx, max);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + (long) chunk.length() > max) {
            refused[0] = true;
            refuse(ctx, max);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        done -> {
          if (!refused[0]) {
            ctx.put(RAW_BODY, body.getBytes());
            ctx.next();
          }
        });
    request.resume();
  }

  private void refuse(RoutingContext ctx, long max) {
    String document;
    try {
      document = json.writeValueAsString(tooLarge(max).problem());
    } catch (JsonProcessingException e) {
      document = "{\"status\":413,\"code\":\"payload_too_large\"}";
    }
    ctx.response()
        .setStatusCode(413)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Connection", "close")
        .end(document);
  }

  private static boolean declaredTooLong(String length, long max) {
    try {
      return Long.parseLong(length.trim()) > max;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
