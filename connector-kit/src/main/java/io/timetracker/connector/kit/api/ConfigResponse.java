package io.timetracker.connector.kit.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The uniform {@code GET …/config} answer. Secrets are write-only: the answer says only whether
 * each is set, as {@code secrets: {"tokenSet": true, "webhookSecretSet": false}}, never a value or
 * a masked value.
 *
 * @param ok always true
 * @param provider {@code github}, {@code slack}, {@code gcal}
 * @param settings the connector's non-secret settings record
 * @param secrets {@code <field>Set} flags
 * @param <S> the connector's settings type
 */
@Schema(description = "Connector settings; secrets only as *Set flags")
public record ConfigResponse<S>(
    boolean ok, String provider, S settings, Map<String, Boolean> secrets) {

  /** Copies the flags in name order. */
  public ConfigResponse {
    Objects.requireNonNull(provider, "provider");
    secrets = Map.copyOf(secrets == null ? Map.of() : secrets);
  }

  /**
   * Builds the answer from which secret fields hold a value: {@code Map.of("token", true)} becomes
   * {@code {"tokenSet": true}}.
   */
  public static <S> ConfigResponse<S> of(
      String provider, S settings, Map<String, Boolean> secretPresent) {
    Map<String, Boolean> flags = new TreeMap<>();
    secretPresent.forEach((field, set) -> flags.put(field + "Set", Boolean.TRUE.equals(set)));
    return new ConfigResponse<>(true, provider, settings, flags);
  }
}
