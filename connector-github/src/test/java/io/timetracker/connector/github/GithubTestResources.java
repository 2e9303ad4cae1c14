package io.timetracker.connector.github;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.timetracker.testsupport.EmbeddedPostgresResource;

/**
 * The resources every {@code @QuarkusTest} of the module shares (one application start): real
 * PostgreSQL, the OIDC stand-in, a fresh encryption keyset and a WireMock GitHub.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KeysetResource.class)
@QuarkusTestResource(GithubApiResource.class)
public final class GithubTestResources {
  private GithubTestResources() {}
}
