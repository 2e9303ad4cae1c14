import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-model load generator of the benchmark harness (bench/run.sh): requests are scheduled at a
 * constant arrival rate and each latency is measured from its <em>intended</em> send time, so a
 * stalled server shows up in the percentiles instead of slowing the load down (no coordinated
 * omission). Latencies go into HdrHistograms; the result is one JSON object on stdout.
 *
 * <pre>
 * java -cp HdrHistogram.jar LoadGen.java get     URL RATE SECONDS
 * java -cp HdrHistogram.jar LoadGen.java pairs   BASE TOKENS_FILE PROJECT RATE SECONDS
 * java -cp HdrHistogram.jar LoadGen.java webhook URL SECRET REPO RATE SECONDS IDS_OUT
 * java -cp HdrHistogram.jar LoadGen.java post    URL BODY_FILE RATE SECONDS [NAME:VALUE]...
 * </pre>
 *
 * {@code pairs}: one start + stop of the timer per arrival, users taken in turn from the tokens file
 * (one bearer token a line); a user's next pair waits for its previous one (one timer per user),
 * its latency still counted from its own intended time. {@code webhook}: signed GitHub {@code
 * issues.opened} deliveries, each a new issue number and delivery id (written to IDS_OUT). {@code
 * post}: the same body (from BODY_FILE) and headers per arrival, e.g. a signed Slack command.
 *
 * <p>{@code -Dloadgen.warmup=SECONDS} (every mode; a warm-up pair leaves its user stopped again, as
 * it found them, and warm-up deliveries are issues numbered from 1,000,000,001, apart from the
 * measured ones): the same arrivals at the same rate for that
 * long first, neither recorded nor counted, so the figures are not this JVM's own cold start (its
 * HTTP client's JIT and first connections stall it once for 100–250 ms, which at 200 req/s alone
 * is more than 1 % of a 10 s run).
 */
public final class LoadGen {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          // a few threads for the client's own work: its default executor makes a thread per
          // waiting response, thousands once the service falls behind (the generator ran out of
          // memory at 1,000 deliveries/s through the gateway)
          .executor(java.util.concurrent.Executors.newFixedThreadPool(4, LoadGen::daemon))
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Histogram latency = new ConcurrentHistogram(3_600_000_000_000L, 3);
  private final Histogram service = new ConcurrentHistogram(3_600_000_000_000L, 3);
  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private volatile long lastCompletion;

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "loadgen-http");
    t.setDaemon(true);
    return t;
  }

  public static void main(String[] args) throws Exception {
    new LoadGen().run(args);
  }

  private void run(String[] a) throws Exception {
    String mode = a[0];
    Map<String, Object> out = new HashMap<>();
    out.put("mode", mode);
    switch (mode) {
      case "get" -> {
        Arrival get = new Get(URI.create(a[1]), List.of(a).subList(4, a.length));
        warmUp(out, rate(a[2]), get);
        drive(out, rate(a[2]), seconds(a[3]), get);
      }
      case "pairs" -> {
        List<String> tokens =
            Files.readAllLines(Path.of(a[2])).stream().filter(l -> !l.isBlank()).toList();
        out.put("users", tokens.size());
        Arrival pairs = new Pairs(a[1], tokens, Long.parseLong(a[3]));
        warmUp(out, rate(a[4]), pairs);
        drive(out, rate(a[4]), seconds(a[5]), pairs);
      }
      case "webhook" -> {
        Webhook w = new Webhook(URI.create(a[1]), a[2], a[3]);
        warmUp(out, rate(a[4]), w);
        drive(out, rate(a[4]), seconds(a[5]), w);
        Files.write(Path.of(a[6]), w.ids);
      }
      case "post" -> {
        byte[] body = Files.readAllBytes(Path.of(a[2]));
        List<String> headers = List.of(a).subList(5, a.length);
        Arrival post = new Post(URI.create(a[1]), body, headers);
        warmUp(out, rate(a[3]), post);
        drive(out, rate(a[3]), seconds(a[4]), post);
      }
      default -> throw new IllegalArgumentException("mode get|pairs|webhook|post, not " + mode);
    }
    System.out.println(json(out));
  }

  /** What one arrival does; completes with the last HTTP status. */
  private interface Arrival {
    CompletableFuture<Integer> fire(long index, long intendedNanos);
  }

  /** The unrecorded warm-up of {@code -Dloadgen.warmup} seconds, at the measured rate. */
  private void warmUp(Map<String, Object> out, double rate, Arrival arrival)
      throws InterruptedException {
    double seconds = Double.parseDouble(System.getProperty("loadgen.warmup", "0"));
    out.put("client_warmup_s", seconds);
    if (seconds <= 0) {
      return;
    }
    long total = Math.round(rate * seconds);
    double interval = 1e9 / rate;
    List<CompletableFuture<?>> all = new ArrayList<>((int) total);
    long t0 = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long intended = t0 + Math.round(i * interval);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(Math.min(wait, 1_000_000));
      }
      all.add(arrival.fire(-1 - i, intended));
    }
    for (CompletableFuture<?> f : all) {
      try {
        f.join();
      } catch (RuntimeException ignored) {
        // a warm-up failure is not counted; the measured run shows the service's state
      }
    }
    service.reset();
  }

  private void drive(Map<String, Object> out, double rate, double seconds, Arrival arrival)
      throws InterruptedException {
    long total = Math.round(rate * seconds);
    double interval = 1e9 / rate;
    List<CompletableFuture<?>> all = new ArrayList<>((int) total);
    long t0 = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long intended = t0 + Math.round(i * interval);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(Math.min(wait, 1_000_000));
      }
      all.add(
          arrival
              .fire(i, intended)
              .whenComplete(
                  (status, failure) -> {
                    long now = System.nanoTime();
                    latency.recordValue(Math.max(0, now - intended));
                    if (failure != null) {
                      errors.incrementAndGet();
                    } else {
                      statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                    completed.incrementAndGet();
                    lastCompletion = now;
                  }));
    }
    long sent = System.nanoTime();
    for (CompletableFuture<?> f : all) {
      try {
        f.join();
      } catch (RuntimeException ignored) {
        // counted as an error above
      }
    }
    double elapsed = (lastCompletion - t0) / 1e9;
    out.put("offered_per_s", rate);
    out.put("sending_s", round((sent - t0) / 1e9));
    out.put("elapsed_s", round(elapsed));
    out.put("completed", completed.get());
    out.put("achieved_per_s", round(completed.get() / elapsed));
    out.put("errors", errors.get());
    Map<String, Long> byStatus = new HashMap<>();
    statuses.forEach((k, v) -> byStatus.put(String.valueOf(k), v.get()));
    out.put("statuses", byStatus);
    out.put("latency_ms", percentiles(latency));
    if (service.getTotalCount() > 0) {
      out.put("request_service_ms", percentiles(service));
    }
  }

  private static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> p = new HashMap<>();
    p.put("p50", ms(h.getValueAtPercentile(50)));
    p.put("p90", ms(h.getValueAtPercentile(90)));
    p.put("p99", ms(h.getValueAtPercentile(99)));
    p.put("p99_9", ms(h.getValueAtPercentile(99.9)));
    p.put("max", ms(h.getMaxValue()));
    List<Object> curve = new ArrayList<>();
    for (double q : new double[] {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100}) {
      curve.add(List.of(q, ms(h.getValueAtPercentile(q))));
    }
    p.put("curve", curve);
    return p;
  }

  /** GET of one URL per arrival. */
  private final class Get implements Arrival {
    private final HttpRequest request;

    Get(URI uri, List<String> headers) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
      for (String h : headers) {
        int colon = h.indexOf(':');
        b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      request = b.GET().build();
    }

    @Override
    public CompletableFuture<Integer> fire(long index, long intended) {
      return send(request).thenApply(HttpResponse::statusCode);
    }
  }

  /** The same POST (body and headers) per arrival. */
  private final class Post implements Arrival {
    private final HttpRequest request;

    Post(URI uri, byte[] body, List<String> headers) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
      for (String h : headers) {
        int colon = h.indexOf(':');
        b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      request = b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    @Override
    public CompletableFuture<Integer> fire(long index, long intended) {
      return send(request).thenApply(HttpResponse::statusCode);
    }
  }

  /** Timer start then stop of one user per arrival; a user's pairs run one after the other. */
  private final class Pairs implements Arrival {
    private final String base;
    private final List<String> tokens;
    private final String body;
    private final CompletableFuture<?>[] lastOfUser;

    Pairs(String base, List<String> tokens, long project) {
      this.base = base;
      this.tokens = tokens;
      this.body = "{\"projectId\":" + project + "}";
      this.lastOfUser = new CompletableFuture<?>[tokens.size()];
      for (int i = 0; i < lastOfUser.length; i++) {
        lastOfUser[i] = CompletableFuture.completedFuture(null);
      }
    }

    @Override
    public CompletableFuture<Integer> fire(long index, long intended) {
      int u = (int) Math.floorMod(index, (long) tokens.size()); // warm-up indexes are negative
      String auth = "Bearer " + tokens.get(u);
      CompletableFuture<Integer> pair =
          lastOfUser[u]
              .handle((x, y) -> null)
              .thenCompose(x -> send(post(base + "/api/v1/timer/start", auth, body)))
              .thenCompose(
                  started ->
                      send(post(base + "/api/v1/timer/stop", auth, null))
                          .thenApply(
                              stopped ->
                                  started.statusCode() != 201
                                      ? started.statusCode()
                                      : stopped.statusCode()));
      lastOfUser[u] = pair;
      return pair;
    }
  }

  /** Signed GitHub issues.opened deliveries, each for a new issue. */
  private final class Webhook implements Arrival {
    private final URI uri;
    private final SecretKeySpec key;
    private final String repo;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000);
    final List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());

    Webhook(URI uri, String secret, String repo) {
      this.uri = uri;
      this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
      this.repo = repo;
    }

    @Override
    public CompletableFuture<Integer> fire(long index, long intended) {
      String id = UUID.randomUUID().toString();
      long number = index >= 0 ? index + 1 : 1_000_000_000L - index; // warm-up: its own issues
      String owner = repo.substring(0, repo.indexOf('/'));
      String body =
          ("{\"action\":\"opened\",\"issue\":{\"number\":%d,\"title\":\"Bench issue %s-%d\","
                  + "\"body\":\"Opened by the benchmark.\",\"state\":\"open\",\"labels\":[],"
                  + "\"user\":{\"login\":\"%s\",\"id\":1},\"assignee\":null,\"assignees\":[],"
                  + "\"html_url\":\"https://github.com/%s/issues/%d\"},"
                  + "\"repository\":{\"full_name\":\"%s\",\"name\":\"%s\","
                  + "\"owner\":{\"login\":\"%s\"}},\"sender\":{\"login\":\"%s\",\"id\":1}}")
              .formatted(
                  number, run, number, owner, repo, number, repo,
                  repo.substring(repo.indexOf('/') + 1), owner, owner);
      ids.add(id);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("X-GitHub-Event", "issues")
              .header("X-GitHub-Delivery", id)
              .header("X-Hub-Signature-256", "sha256=" + hmac(body))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      return send(request).thenApply(HttpResponse::statusCode);
    }

    private String hmac(String body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return java.util.HexFormat.of()
            .formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static HttpRequest post(String url, String auth, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Authorization", auth);
    if (body == null) {
      return b.POST(HttpRequest.BodyPublishers.noBody()).build();
    }
    return b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    long sent = System.nanoTime();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete((r, f) -> service.recordValue(Math.max(0, System.nanoTime() - sent)));
  }

  private static double rate(String s) {
    return Double.parseDouble(s);
  }

  private static double seconds(String s) {
    return Double.parseDouble(s);
  }

  private static double ms(long nanos) {
    return round(nanos / 1e6);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String json(Object o) {
    if (o instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      m.forEach(
          (k, v) -> {
            if (b.length() > 1) {
              b.append(',');
            }
            b.append('"').append(k).append("\":").append(json(v));
          });
      return b.append('}').toString();
    }
    if (o instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (Object v : l) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(json(v));
      }
      return b.append(']').toString();
    }
    if (o instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    return String.valueOf(o).toLowerCase(Locale.ROOT);
  }

}
