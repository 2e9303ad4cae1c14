package io.timetracker.timer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.InProcessKafkaResource;

/**
 * Declares the real PostgreSQL, the real Kafka broker (with the suite's topics) and the OIDC
 * stand-in for every {@code @QuarkusTest} of the module (not restricted to one class, so all tests
 * share one application start).
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(InProcessKafkaResource.class)
public final class TimerServiceTestResources {
  private TimerServiceTestResources() {}
}
