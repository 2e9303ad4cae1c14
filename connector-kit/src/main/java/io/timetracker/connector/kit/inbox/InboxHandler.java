package io.timetracker.connector.kit.inbox;

import io.smallrye.mutiny.Uni;

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
}
