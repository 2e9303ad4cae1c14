package io.timetracker.contracts.failure;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells whether a failure means a dependency (the database, or a service called over HTTP) is
 * unreachable right now, as opposed to a bug or a bad request: such a failure is answered 503
 * {@value #CODE} with {@code Retry-After}, never 500. Depends on the JDK only, so the core and
 * every connector can use it whatever client libraries they bring.
 */
public final class DependencyFailures {
  /** The stable problem code of a 503 answer caused by an unreachable dependency. */
  public static final String CODE = "dependency_unavailable";

  /** The {@code Retry-After} (seconds) such an answer suggests. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /** Client exceptions (by class name, so no client library is needed) for a lost connection. */
  private static final Set<String> CONNECTION_LOST =
      Set.of(
          "io.vertx.sqlclient.ClosedConnectionException",
          "io.vertx.core.http.HttpClosedException",
          "io.vertx.core.impl.NoStackTraceTimeoutException",
          "io.netty.channel.ConnectTimeoutException",
          "org.hibernate.reactive.pool.impl.PoolClosedException");

  private DependencyFailures() {}

  /** Whether the failure, or any of its causes, says a dependency cannot be reached. */
  public static boolean isUnavailable(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof ClosedChannelException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || CONNECTION_LOST.contains(t.getClass().getName())) {
        return true;
      }
      String state = t instanceof SQLException sql ? sql.getSQLState() : sqlStateOf(t);
      if (state != null && isUnavailableState(state)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * SQLSTATE classes that mean the server is unreachable or going away: 08 (connection exception),
   * 57P01-57P03 (shutdown, crash recovery, cannot connect now), 53300 (too many connections).
   */
  static boolean isUnavailableState(String state) {
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300");
  }

  /** The SQLSTATE of a reactive client's database error ({@code getSqlState()}), if it has one. */
  private static String sqlStateOf(Throwable t) {
    try {
      Method m = t.getClass().getMethod("getSqlState");
      Object state = m.getReturnType() == String.class ? m.invoke(t) : null;
      return (String) state;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
