package io.timetracker.connector.kit.inbox;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.masking.ErrorText;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook inbox (table {@code inbox_delivery}, changelog {@code
 * db/changelog/connector-kit/inbox.xml}): store a verified delivery once, acknowledge, then process
 * from here with retries, exponential backoff with jitter, and dead-lettering after the configured
 * attempts. Safe with several replicas: claims use {@code FOR UPDATE SKIP LOCKED}, and a claim that
 * lapses (replica died) is claimed again. Deliveries with the same ordering key are claimed one at
 * a time in arrival order; see {@link InboxRunner} and docs/adr/0004-inbox-runner-ordering.md.
 */
@ApplicationScoped
public class Inbox {

  private final Pool pool;
  private final Clock clock;
  private final InboxPolicy policy;
  private final DeliveryLog log;

  /** From configuration. */
  @Inject
  public Inbox(Pool pool, Clock clock, InboxConfig config) {
    this(pool, clock, InboxPolicy.of(config));
  }

  /** With an explicit policy, for tests and tools. */
  public Inbox(Pool pool, Clock clock, InboxPolicy policy) {
    this.pool = pool;
    this.clock = clock;
    this.policy = policy;
    this.log = new DeliveryLog(pool, clock);
  }

  /**
   * Stores a delivery, or reports the row already holding its delivery id for the same connection.
   * Due at once; the insert notifies {@code connector_inbox}, which wakes the runner.
   */
  public Uni<StoreResult> store(IncomingDelivery delivery) {
    Tuple args =
        Tuple.of(UUID.randomUUID(), delivery.provider(), delivery.deliveryId())
            .addValue(delivery.connectionId())
            .addValue(delivery.event())
            .addValue(delivery.action())
            .addValue(InboxRows.at(clock.instant()))
            .addValue(Buffer.buffer(delivery.payload()))
            .addValue(InboxRows.json(policy.headers().filter(delivery.headers())))
            .addValue(delivery.deliveryKey());
    return pool.preparedQuery(InboxSql.INSERT)
        .execute(args)
        .chain(
            rows ->
                rows.size() == 1
                    ? Uni.createFrom()
                        .item(new StoreResult(StoreResult.Outcome.STORED, firstId(rows)))
                    : existing(delivery));
  }

  /** Claims up to {@code limit} due deliveries, oldest due first; each attempt is counted. */
  public Uni<List<ClaimedDelivery>> claimDue(int limit) {
    Instant now = clock.instant();
    return pool.preparedQuery(InboxSql.BURY_LAPSED)
        .execute(Tuple.of(InboxRows.at(now), policy.maxAttempts()))
        .chain(
            ignored ->
                pool.preparedQuery(InboxSql.CLAIM)
                    .execute(
                        Tuple.of(
                            InboxRows.at(now),
                            Math.max(1, limit),
                            InboxRows.at(now.plus(policy.processingTimeout())))))
        .map(InboxRows::claimedAll);
  }

  /**
   * The delivery stored after {@code claimed} with the same key, connection and provider and not
   * processed yet — the one its key's order applies next; empty if none or the key is null.
   */
  public Uni<Optional<ClaimedDelivery>> nextOfKey(ClaimedDelivery claimed) {
    if (claimed.deliveryKey() == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    return pool.preparedQuery(InboxSql.NEXT_OF_KEY)
        .execute(Tuple.of(claimed.id()))
        .map(InboxRows::claimedAll)
        .map(rows -> rows.stream().findFirst());
  }

  /** Marks a claimed delivery processed; false if the claim lapsed and was taken over. */
  public Uni<Boolean> markDone(ClaimedDelivery claimed) {
    return pool.preparedQuery(InboxSql.DONE)
        .execute(Tuple.of(claimed.id(), claimed.attempt(), InboxRows.at(clock.instant())))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Records a failed attempt: {@code failed} and due again after the backoff, or {@code dead} once
   * the attempts are used up. Empty if the claim lapsed and was taken over.
   */
  public Uni<Optional<DeliveryStatus>> markFailed(ClaimedDelivery claimed, Throwable failure) {
    return fail(claimed, ErrorText.of(failure), policy.maxAttempts());
  }

  /** Records a failure that no retry can fix (e.g. a malformed payload): {@code dead} at once. */
  public Uni<Optional<DeliveryStatus>> markDead(ClaimedDelivery claimed, String reason) {
    return fail(claimed, ErrorText.of(reason), claimed.attempt());
  }

  /**
   * Records how an attempt ended: done, failed and due after the backoff (dead once the attempts
   * are used up), or dead. Empty if the claim lapsed and was taken over.
   */
  public Uni<Optional<DeliveryStatus>> finish(ClaimedDelivery claimed, ProcessOutcome outcome) {
    return switch (outcome.kind()) {
      case DONE ->
          markDone(claimed).map(held -> held ? Optional.of(DeliveryStatus.DONE) : Optional.empty());
      case RETRY -> fail(claimed, ErrorText.of(outcome.reason()), policy.maxAttempts());
      case DEAD -> markDead(claimed, outcome.reason());
    };
  }

  /** Moves the lease of claims still held to now plus the processing timeout; the number moved. */
  public Uni<Integer> extend(Collection<ClaimedDelivery> held) {
    UUID[] ids = held.stream().map(ClaimedDelivery::id).toArray(UUID[]::new);
    Integer[] attempts = held.stream().map(ClaimedDelivery::attempt).toArray(Integer[]::new);
    Instant until = clock.instant().plus(policy.processingTimeout());
    return pool.preparedQuery(InboxSql.EXTEND)
        .execute(Tuple.of(ids, attempts, InboxRows.at(until)))
        .map(rows -> rows.rowCount());
  }

  /** Deletes up to {@code limit} done or dead deliveries received before {@code before}. */
  public Uni<Integer> prune(Instant before, int limit) {
    return pool.preparedQuery(InboxSql.PRUNE)
        .execute(Tuple.of(InboxRows.at(before), limit))
        .map(rows -> rows.rowCount());
  }

  /** How many deliveries are open and when the oldest of them arrived. */
  public Uni<InboxBacklog> backlog() {
    return pool.query(InboxSql.BACKLOG).execute().map(rows -> InboxRows.backlog(first(rows)));
  }

  /** The processing timeout: how long a claim holds unless extended. */
  public Duration lease() {
    return policy.processingTimeout();
  }

  /** Queues a delivery of the connection again from scratch (attempts 0, due now). */
  public Uni<RedeliverResult> redeliver(UUID id, String connectionId) {
    return log.redeliver(id, connectionId);
  }

  /** One delivery of the connection. */
  public Uni<Optional<DeliverySummary>> get(UUID id, String connectionId) {
    return log.get(id, connectionId);
  }

  /** A page (from 0) of the connection's delivery log, newest first; size is capped at 100. */
  public Uni<DeliveryPage> list(String connectionId, int page, int size) {
    return log.list(connectionId, page, size);
  }

  private Uni<Optional<DeliveryStatus>> fail(ClaimedDelivery claimed, String error, int deadFrom) {
    Instant retryAt = clock.instant().plus(policy.backoff().delay(claimed.attempt()));
    Tuple args = Tuple.of(claimed.id(), claimed.attempt(), deadFrom, InboxRows.at(retryAt), error);
    return pool.preparedQuery(InboxSql.FAILED)
        .execute(args)
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(DeliveryStatus.of(first(rows).getString("status"))));
  }

  private Uni<StoreResult> existing(IncomingDelivery delivery) {
    return pool.preparedQuery(InboxSql.FIND_ID)
        .execute(Tuple.of(delivery.provider(), delivery.deliveryId(), delivery.connectionId()))
        .map(rows -> new StoreResult(StoreResult.Outcome.DUPLICATE, firstId(rows)));
  }

  static Row first(RowSet<Row> rows) {
    return rows.iterator().next();
  }

  private static UUID firstId(RowSet<Row> rows) {
    return first(rows).getUUID("id");
  }
}
