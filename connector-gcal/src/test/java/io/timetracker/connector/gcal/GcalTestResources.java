package io.timetracker.connector.gcal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.InProcessKafkaResource;

/**
 * The resources every {@code @QuarkusTest} of the module shares (one application start): real
 * PostgreSQL, real Kafka, the OIDC stand-in, a fresh keyset and a WireMock Google.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(InProcessKafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KeysetResource.class)
@QuarkusTestResource(GoogleApiResource.class)
public final class GcalTestResources {
  private GcalTestResources() {}
}
