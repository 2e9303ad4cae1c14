package io.timetracker.connector.kit.webhook;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.signature.SignatureCheck;
import java.util.List;

/**
 * What a connector plugs into the kit's {@link WebhookIntake}: where its deliveries arrive, who
 * they may belong to and with which secrets, how a signature is checked, how a verified body is
 * parsed and what a parsed delivery means. The intake calls these in that order and never parses
 * before a signature holds.
 *
 * @param <C> the connector's connection type
 * @param <E> the parsed delivery
 */
public interface WebhookProvider<C, E> {

  /** Inbox provider name ({@code github}, {@code slack}); also used in answers and logs. */
  String name();

  /** The provider as people spell it ({@code GitHub}), for answers; the name by default. */
  default String displayName() {
    return name();
  }

  /** The URL path (prefix) of the webhook; the body cap applies to every request under it. */
  String path();

  /** Largest body accepted, in bytes; larger ones are refused (413) before they are read. */
  long maxBodyBytes();

  /**
   * The connections a delivery may belong to, each with its candidate secrets (the current one,
   * then any previous one still inside its overlap). Only headers and the URL are known here.
   *
   * @param connectionId the id from the URL, or {@code null} on a URL without one
   */
  Uni<List<WebhookTarget<C>>> targets(String connectionId, Headers headers);

  /** Checks one secret against the raw body, in constant time; never throws. */
  SignatureCheck verify(String secret, byte[] body, Headers headers);

  /**
   * Parses a verified body once (e.g. JSON, or a form whose {@code payload} field holds the JSON);
   * throws {@code ApiException} 400 when it cannot.
   */
  E parse(byte[] body, Headers headers);

  /** What to do with a verified, parsed delivery: answer at once, or store it in the inbox. */
  WebhookDecision decide(C connection, E delivery, Headers headers);
}
