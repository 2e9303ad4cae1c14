package io.timetracker.connector.kit.inbox;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * What a connector plugs into the {@link InboxRunner}: it parses a stored delivery of its provider
 * once into a typed event and turns that event into effects. Exceptions need no handling here: the
 * runner classifies them once ({@link OutcomeClassifier}).
 *
 * @param <E> the provider's parsed event
 */
public interface InboxHandler<E> {

  /** The provider whose deliveries this handler takes, e.g. {@code github}. */
  String provider();

  /**
   * Parses the stored payload; throw {@link UnprocessableDelivery} for one that can never be
   * processed (malformed, unknown connection).
   */
  E parse(ClaimedDelivery delivery);

  /** Applies the event; fails (or answers {@link ProcessOutcome#retry}) to be tried again. */
  Uni<ProcessOutcome> process(ClaimedDelivery delivery, E event);

  /**
   * Whether the runner should show this handler the next stored delivery of the same key (see
   * {@link #process(ClaimedDelivery, Object, Optional)}); costs one indexed query per delivery.
   */
  default boolean looksAhead() {
    return false;
  }

  /**
   * Applies the event knowing {@code next}, the delivery of the same key, connection and provider
   * that is stored already and applies right after this one. A handler may leave out an effect that
   * {@code next} is certain to overwrite (two field updates of one issue: the later one carries the
   * newer fields), recording that it did. Called instead of {@link #process( ClaimedDelivery,
   * Object)} when {@link #looksAhead()} and look-ahead is enabled.
   */
  default Uni<ProcessOutcome> process(
      ClaimedDelivery delivery, E event, Optional<ClaimedDelivery> next) {
    return process(delivery, event);
  }
}
