package io.timetracker.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every gateway test: the OIDC stand-in and the connectors' stand-ins, reset (stubs and circuit
 * breakers) before each test.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(ConnectorStandIns.class)
public abstract class GatewayTestBase {

  @BeforeEach
  void resetConnectors() {
    ConnectorStandIns.reset();
    CircuitBreakerMaintenance.get().resetAll();
  }
}
