package io.timetracker.connector.kit;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The UTC system clock for the kit's beans, unless the connector produces its own {@link Clock} (a
 * plain producer replaces this default bean).
 */
@Dependent
public class DefaultClockProducer {

  @Produces
  @Singleton
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
