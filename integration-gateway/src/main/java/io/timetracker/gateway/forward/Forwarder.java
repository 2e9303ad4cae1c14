package io.timetracker.gateway.forward;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Streams a request to its connector and the connector's answer back, unchanged: same method, path,
 * query, body bytes and end-to-end headers; the connector's status, headers and body. Only
 * hop-by-hop headers are dropped and {@code X-Forwarded-*} added. Exactly one answer goes out per
 * request: the connector's, or the gateway's own when the body is over the cap, the connector does
 * not start answering within the route's timeout, or cannot be reached.
 *
 * <p>The client takes no part in tracing ({@link TracingPolicy#IGNORE}): no client span, and the
 * caller's {@code traceparent}/{@code tracestate} reach the connector as sent, with no second one
 * of a gateway span beside them (docs/operations.md, "Traces").
 */
@ApplicationScoped
public class Forwarder {

  private static final Logger LOG = Logger.getLogger(Forwarder.class);
  private static final String[] HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host"
  };

  private final Vertx vertx;
  private final HttpClient client;
  private final ForwardAnswers answers;

  /** One pooled keep-alive client for every connector. */
  public Forwarder(Vertx vertx, ForwardAnswers answers) {
    this.vertx = vertx;
    this.answers = answers;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setMaxPoolSize(256)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setTracingPolicy(TracingPolicy.IGNORE));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /**
   * Forwards the request of {@code ctx} to the target; {@code bearer}, when given, replaces the
   * request's credentials (the signed-in person's token).
   */
  public void forward(RoutingContext ctx, ForwardTarget target, String bearer) {
    HttpServerRequest in = ctx.request();
    long max = target.route().maxBodyBytes();
    if (declaredTooLong(in.getHeader("Content-Length"), max)) {
      answers.tooLarge(ctx, max);
      return;
    }
    Exchange exchange = new Exchange(ctx, target);
    exchange.timer =
        vertx.setTimer(Math.max(1, target.route().timeout().toMillis()), id -> exchange.timedOut());
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.ssl())
            .setURI(target.basePath() + in.uri())
            .setConnectTimeout(target.route().timeout().toMillis())
            .setHeaders(requestHeaders(in, bearer));
    client
        .request(options)
        .onFailure(exchange::unreachable)
        .onSuccess(out -> exchange.send(out, in, max));
  }

  private static MultiMap requestHeaders(HttpServerRequest in, String bearer) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    List<String> cookies = null;
    for (Map.Entry<String, String> h : in.headers()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("cookie")) {
        if (cookies == null) {
          cookies = new ArrayList<>(1);
        }
        cookies.add(h.getValue());
      } else if (!hopByHop(name)) {
        headers.add(name, h.getValue());
      }
    }
    if (cookies != null) {
      String kept = SessionCookies.withoutSession(cookies);
      if (!kept.isEmpty()) {
        headers.set("Cookie", kept);
      }
    }
    if (bearer != null) {
      headers.set("Authorization", "Bearer " + bearer);
    }
    String remote = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
    String before = in.getHeader("X-Forwarded-For");
    headers.set("X-Forwarded-For", before == null ? remote : before + ", " + remote);
    headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
    if (in.authority() != null) {
      headers.set("X-Forwarded-Host", in.authority().toString());
    }
    return headers;
  }

  /** Whether a header is hop-by-hop (or {@code Host}), in any letter case, without a copy. */
  static boolean hopByHop(String name) {
    for (String h : HOP_BY_HOP) {
      if (h.length() == name.length() && h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasBody(HttpServerRequest in) {
    String length = in.getHeader("Content-Length");
    return (length != null && !length.trim().equals("0"))
        || in.getHeader("Transfer-Encoding") != null;
  }

  private static boolean declaredTooLong(String length, long max) {
    if (length == null) {
      return false;
    }
    try {
      return Long.parseLong(length.trim()) > max;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** One forwarded request: whoever claims it first (answer, timeout, failure) answers. */
  private final class Exchange {
    private final RoutingContext ctx;
    private final ForwardTarget target;
    private final AtomicBoolean answered = new AtomicBoolean();
    private long timer;
    private HttpClientRequest out;

    Exchange(RoutingContext ctx, ForwardTarget target) {
      this.ctx = ctx;
      this.target = target;
    }

    private boolean claim() {
      if (!answered.compareAndSet(false, true)) {
        return false;
      }
      vertx.cancelTimer(timer);
      return true;
    }

    void send(HttpClientRequest request, HttpServerRequest in, long max) {
      out = request;
      var sent =
          hasBody(in) ? request.send(new CappedBody(in, max, this::tooLarge)) : request.send();
      sent.onSuccess(this::respond).onFailure(this::unreachable);
    }

    private void respond(HttpClientResponse answer) {
      if (!claim()) {
        answer.request().reset();
        return;
      }
      HttpServerResponse response = ctx.response();
      response.setStatusCode(answer.statusCode());
      response.setStatusMessage(answer.statusMessage());
      MultiMap headers = response.headers();
      for (Map.Entry<String, String> h : answer.headers()) {
        if (!hopByHop(h.getKey())) {
          headers.add(h.getKey(), h.getValue());
        }
      }
      if (answer.getHeader("Content-Length") == null) {
        response.setChunked(true);
      }
      answer.pipeTo(response);
    }

    private void tooLarge() {
      if (claim()) {
        reset();
        answers.tooLarge(ctx, target.route().maxBodyBytes());
      }
    }

    void timedOut() {
      if (claim()) {
        LOG.warnf("%s: %s did not answer in time", target.name(), target.connector());
        reset();
        answers.timedOut(ctx, target);
      }
    }

    void unreachable(Throwable failure) {
      if (claim()) {
        LOG.warnf("%s: %s unreachable: %s", target.name(), target.connector(), failure.toString());
        reset();
        answers.unavailable(ctx, target);
      }
    }

    private void reset() {
      if (out != null) {
        out.reset();
      }
    }
  }
}
