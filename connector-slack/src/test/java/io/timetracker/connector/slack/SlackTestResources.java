package io.timetracker.connector.slack;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.InProcessKafkaResource;

/**
 * The resources every {@code @QuarkusTest} of the module shares (one application start): real
 * PostgreSQL, the real in-process Kafka broker, the OIDC stand-in, a fresh encryption keyset and a
 * WireMock Slack Web API.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(InProcessKafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KeysetResource.class)
@QuarkusTestResource(SlackApiResource.class)
public final class SlackTestResources {
  private SlackTestResources() {}
}
