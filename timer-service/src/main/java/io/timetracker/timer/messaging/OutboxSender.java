package io.timetracker.timer.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends claimed rows to Kafka in id order and waits for the broker's acknowledgement of each. The
 * producer is idempotent with one request in flight ({@link OutboxProducer}), so records of one key
 * (one partition) are written in send order without duplicates from retries.
 */
final class OutboxSender {
  private final Producer<String, byte[]> producer;
  private final Duration ackTimeout;

  OutboxSender(Producer<String, byte[]> producer, Duration ackTimeout) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
  }

  /**
   * What became of one row: acknowledged ({@code failure == null}), failed, or not sent; {@code
   * earlier} when the broker acknowledged it in an earlier round and it was not sent again.
   */
  record Attempt(OutboxRecord row, PublishFailure failure, boolean sent, boolean earlier) {
    Attempt(OutboxRecord row, PublishFailure failure, boolean sent) {
      this(row, failure, sent, false);
    }

    /** A row the broker acknowledged in an earlier round whose mark was lost (not sent again). */
    static Attempt acknowledgedEarlier(OutboxRecord row) {
      return new Attempt(row, null, true, true);
    }

    boolean acknowledged() {
      return sent && failure == null;
    }
  }

  /**
   * Sends all rows (pipelined), then waits for each acknowledgement in id order; answers one
   * attempt per row, in the same order. A send that throws or fails at once stops the batch: that
   * row failed, the rows after it were not sent.
   */
  List<Attempt> publish(List<OutboxRecord> rows) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    PublishFailure sendError = null;
    for (OutboxRecord row : rows) {
      Future<RecordMetadata> ack;
      try {
        ack = producer.send(row.toProducerRecord());
      } catch (RuntimeException e) {
        sendError = PublishFailure.of(e);
        break;
      }
      // KafkaProducer reports most refusals of send() (no metadata within max.block.ms, too
      // large) as a future that failed already. Sending on would put later rows of the same key
      // on Kafka ahead of this one, and they would be sent again behind it: stop here as well.
      PublishFailure refused = failedAlready(ack);
      if (refused != null) {
        sendError = refused;
        break;
      }
      acks.add(ack);
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    List<Attempt> attempts = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      OutboxRecord row = rows.get(i);
      if (i < acks.size()) {
        attempts.add(new Attempt(row, await(acks.get(i), deadline), true));
      } else if (i == acks.size()) {
        attempts.add(new Attempt(row, sendError, true));
      } else {
        attempts.add(new Attempt(row, null, false));
      }
    }
    return attempts;
  }

  /** Why the send failed when its future is already completed with a failure, else null. */
  private static PublishFailure failedAlready(Future<RecordMetadata> ack) {
    if (!ack.isDone()) {
      return null;
    }
    try {
      ack.get();
      return null;
    } catch (ExecutionException e) {
      return PublishFailure.of(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PublishFailure.of(e);
    }
  }

  /** Null when acknowledged, else why not. */
  private static PublishFailure await(Future<RecordMetadata> ack, long deadline) {
    try {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      return PublishFailure.of(e.getCause());
    } catch (TimeoutException e) {
      return PublishFailure.noAcknowledgement();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PublishFailure.of(e);
    }
  }
}
