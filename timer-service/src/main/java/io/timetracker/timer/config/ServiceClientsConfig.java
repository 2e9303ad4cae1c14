package io.timetracker.timer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * What is bound to each service client ({@code timer.service-clients.<client-id>.*}), keyed by the
 * token's client id: the one {@code source} it writes (also the prefix of its external references)
 * and the identity provider whose accounts it may look up and link. See {@code
 * docs/adr/0005-scoped-service-clients.md}.
 */
@ConfigMapping(prefix = "timer.service-clients")
public interface ServiceClientsConfig {

  /** Bindings by client id. */
  @WithParentName
  Map<String, Binding> clients();

  /** One client's bindings. */
  interface Binding {
    /** The source it writes ({@code github}, {@code gcal}, {@code slack}); none: it writes none. */
    Optional<String> source();

    /** The identity provider it may use; defaults to the source. */
    Optional<String> identityProvider();
  }
}
