package io.timetracker.connector.github.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * What GitHub deliveries and syncs are doing, as data on a check that never fails readiness (DESIGN
 * §7): pending/failed/dead deliveries and connections whose last sync failed. A failing provider or
 * a dead delivery is a user's problem to look at, not a reason to take the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class GithubDeliveriesHealthCheck implements AsyncHealthCheck {

  private static final String NAME = "github-deliveries";

  private final Pool pool;

  /** Uses the application's pool. */
  public GithubDeliveriesHealthCheck(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return pool.query(
            "SELECT"
                + " (SELECT count(*) FROM inbox_delivery WHERE provider = 'github' AND status IN"
                + " ('received', 'processing')) AS pending,"
                + " (SELECT count(*) FROM inbox_delivery WHERE provider = 'github' AND status ="
                + " 'failed') AS failed,"
                + " (SELECT count(*) FROM inbox_delivery WHERE provider = 'github' AND status ="
                + " 'dead') AS dead,"
                + " (SELECT count(*) FROM github_connection WHERE active AND last_sync_status ="
                + " 'failed') AS syncs_failing")
        .execute()
        .map(rows -> response(rows.iterator().next()))
        .onFailure()
        .recoverWithItem(
            f ->
                HealthCheckResponse.named(NAME)
                    .up()
                    .withData("error", "counts unavailable")
                    .build());
  }

  private static HealthCheckResponse response(Row r) {
    return HealthCheckResponse.named(NAME)
        .up()
        .withData("pending", r.getLong("pending"))
        .withData("failed", r.getLong("failed"))
        .withData("dead", r.getLong("dead"))
        .withData("syncsFailing", r.getLong("syncs_failing"))
        .build();
  }
}
