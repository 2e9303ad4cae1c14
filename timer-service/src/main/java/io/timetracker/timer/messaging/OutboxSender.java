package io.timetracker.timer.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends claimed rows to Kafka in id order and waits for the broker's acknowledgement of each. The
 * producer is idempotent with at most 5 requests in flight, so records of one key (one partition)
 * are written in send order without duplicates from retries.
 */
final class OutboxSender {
  private final Producer<String, byte[]> producer;
  private final Duration ackTimeout;

  OutboxSender(Producer<String, byte[]> producer, Duration ackTimeout) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
  }

  /**
   * What was acknowledged. {@code published} holds, per key, the rows up to (not including) that
   * key's first failure, so a key's rows are never marked out of order; {@code firstFailure} is the
   * first row that failed, with its error.
   */
  record Outcome(List<OutboxRecord> published, OutboxRecord firstFailure, String error) {}

  /** Sends all rows (pipelined), then waits for each acknowledgement in id order. */
  Outcome publish(List<OutboxRecord> rows) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    String sendError = null;
    for (OutboxRecord row : rows) {
      try {
        acks.add(producer.send(row.toProducerRecord()));
      } catch (RuntimeException e) {
        // e.g. no metadata within max.block.ms: stop sending, later rows wait for the next round
        sendError = describe(e);
        break;
      }
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    List<OutboxRecord> published = new ArrayList<>(rows.size());
    Set<String> failedKeys = new HashSet<>();
    OutboxRecord firstFailure = null;
    String error = null;
    for (int i = 0; i < rows.size(); i++) {
      OutboxRecord row = rows.get(i);
      String failure = i < acks.size() ? await(acks.get(i), deadline) : sendError;
      String keyOf = row.topic() + '\u0000' + row.key();
      if (failure == null && !failedKeys.contains(keyOf)) {
        published.add(row);
      } else if (failure != null) {
        failedKeys.add(keyOf);
        if (firstFailure == null) {
          firstFailure = row;
          error = failure;
        }
      }
    }
    return new Outcome(published, firstFailure, error);
  }

  /** Null when acknowledged, else why not. */
  private static String await(Future<RecordMetadata> ack, long deadline) {
    try {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      return describe(e.getCause());
    } catch (TimeoutException e) {
      return "no acknowledgement in time";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
