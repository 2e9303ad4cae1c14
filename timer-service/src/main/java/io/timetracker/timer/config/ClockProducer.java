package io.timetracker.timer.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock every "now" comes from, so tests can pin time. */
@ApplicationScoped
public class ClockProducer {
  @Produces
  @DefaultBean
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }
}
