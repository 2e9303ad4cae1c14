package io.timetracker.timer.messaging;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Why one outbox row was not acknowledged, sorted by what the relay should do about it: wait for
 * the broker ({@link Kind#UNAVAILABLE}), give up on the row at once ({@link Kind#REJECTED}), or
 * retry it a bounded number of times ({@link Kind#FAILED}).
 */
record PublishFailure(Kind kind, String message) {

  /** What kind of failure a send ended with. */
  enum Kind {
    /** The broker could not be reached or answered in time: nothing is wrong with the row. */
    UNAVAILABLE,
    /** The broker (or the producer) refuses this record for good, e.g. it is too large. */
    REJECTED,
    /** The broker answered with an error that may pass; the row is retried, then parked. */
    FAILED
  }

  /** Classifies what a send or an acknowledgement failed with. */
  static PublishFailure of(Throwable e) {
    return new PublishFailure(kindOf(e), e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** No acknowledgement within the relay's own wait: the broker is slow or away. */
  static PublishFailure noAcknowledgement() {
    return new PublishFailure(Kind.UNAVAILABLE, "no acknowledgement in time");
  }

  private static Kind kindOf(Throwable e) {
    if (e instanceof RecordTooLargeException
        || e instanceof RecordBatchTooLargeException
        || e instanceof InvalidRecordException
        || e instanceof SerializationException) {
      return Kind.REJECTED;
    }
    // retriable errors and refused credentials concern every row alike, never one row
    if (e instanceof RetriableException
        || e instanceof AuthenticationException
        || e instanceof AuthorizationException
        || e instanceof InterruptedException) {
      return Kind.UNAVAILABLE;
    }
    return Kind.FAILED;
  }
}
