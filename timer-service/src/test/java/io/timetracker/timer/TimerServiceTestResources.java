package io.timetracker.timer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.timetracker.testsupport.EmbeddedPostgresResource;

/**
 * Declares the real PostgreSQL and the OIDC stand-in for every {@code @QuarkusTest} of the module
 * (not restricted to one class, so all tests share one application start).
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TimerServiceTestResources {
  private TimerServiceTestResources() {}
}
