import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * Open-loop latency of one signed GitHub delivery at a constant rate, sent to connector-github
 * directly and through integration-gateway in the same run (rounds alternate: direct, gateway,
 * direct, gateway). Latency runs from the request's intended send time, so a stall is not hidden
 * (no coordinated omission). Each delivery has its own X-GitHub-Delivery and a valid signature.
 *
 * <p>Usage: java -cp HdrHistogram.jar GatewayLatency.java DIRECT_URL GATEWAY_URL SECRET BODY_FILE
 * RATE SECONDS ROUNDS
 */
public class GatewayLatency {

  public static void main(String[] args) throws Exception {
    String direct = args[0];
    String gateway = args[1];
    byte[] secret = args[2].getBytes();
    byte[] body = Files.readAllBytes(Path.of(args[3]));
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    int rounds = Integer.parseInt(args[6]);
    int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 10;
    String signature = "sha256=" + hmac(secret, body);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    System.out.printf("warm-up: %d s each at %d req/s%n", warmup, rate);
    run(client, direct, body, signature, rate, warmup);
    run(client, gateway, body, signature, rate, warmup);
    Histogram directAll = new Histogram(3);
    Histogram gatewayAll = new Histogram(3);
    long[] errors = new long[2];
    for (int round = 1; round <= rounds; round++) {
      Result d = run(client, direct, body, signature, rate, seconds);
      Result g = run(client, gateway, body, signature, rate, seconds);
      directAll.add(d.histogram());
      gatewayAll.add(g.histogram());
      errors[0] += d.errors();
      errors[1] += g.errors();
      System.out.printf("round %d: direct p99 %.2f ms, gateway p99 %.2f ms%n", round,
          ms(d.histogram().getValueAtPercentile(99)), ms(g.histogram().getValueAtPercentile(99)));
    }
    System.out.println();
    System.out.println("| path | requests | non-2xx | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    line("direct to connector-github", directAll, errors[0]);
    line("through integration-gateway", gatewayAll, errors[1]);
    KINDS.forEach((url, kinds) -> System.out.printf("non-2xx at %s: %s%n", url, new TreeMap<>(kinds)));
    double added = ms(gatewayAll.getValueAtPercentile(99)) - ms(directAll.getValueAtPercentile(99));
    System.out.printf("%nadded p99: %.2f ms (limit 5 ms)%n", added);
    System.out.println(added <= 5.0 ? "RESULT: PASS" : "RESULT: FAIL");
    System.exit(0);
  }

  record Result(Histogram histogram, long errors) {}

  /** What the non-2xx answers were (HTTP status or the failure's type), per path, for the report. */
  static final Map<String, Map<String, Long>> KINDS = new ConcurrentHashMap<>();

  static Result run(HttpClient client, String url, byte[] body, String signature, int rate, int seconds)
      throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong errors = new AtomicLong();
    AtomicLong pending = new AtomicLong();
    long total = (long) rate * seconds;
    long intervalNanos = 1_000_000_000L / rate;
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    ticker.scheduleAtFixedRate(
        () -> {
          // send every request whose intended time has come (catches up after a pause)
          long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
          while (sent.get() < due) {
            long n = sent.getAndIncrement();
            long intended = start + n * intervalNanos;
            pending.incrementAndGet();
            client
                .sendAsync(request(url, body, signature), HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                    (response, failure) -> {
                      recorder.recordValue(Math.max(0, System.nanoTime() - intended) / 1000);
                      if (failure != null || response.statusCode() >= 300) {
                        errors.incrementAndGet();
                        String kind =
                            failure != null
                                ? rootCause(failure).getClass().getSimpleName()
                                : "HTTP " + response.statusCode();
                        KINDS.computeIfAbsent(url, u -> new ConcurrentHashMap<>())
                            .merge(kind, 1L, Long::sum);
                      }
                      pending.decrementAndGet();
                    });
          }
        },
        0,
        Math.max(1, intervalNanos / 2),
        TimeUnit.NANOSECONDS);
    while (sent.get() < total) {
      Thread.sleep(50);
    }
    ticker.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return new Result(recorder.getIntervalHistogram(), errors.get());
  }

  static HttpRequest request(String url, byte[] body, String signature) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/bench")
        .header("X-GitHub-Event", "issues")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  static void line(String name, Histogram h, long errors) {
    System.out.printf("| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, h.getTotalCount(), errors,
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  static double ms(long micros) {
    return micros / 1000.0;
  }

  static String hmac(byte[] secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
