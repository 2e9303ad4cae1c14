package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.IssueEvent;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.UserDto;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whom an (un)assignment may act for, and through which connection. The receiving connection's
 * owner always; anyone else only when the receiving connection proved access to the repository (its
 * token can push to or administer it) and the assignee has their own active, proven connection to
 * the same repository with the option on. A connection names its repository freely and signs with
 * its own secret, so an unproven one could otherwise start or stop anyone's timer.
 */
@ApplicationScoped
public class AssignmentTargets {

  /** What the target connection must allow. */
  public enum Purpose {
    /** {@code assigned}: auto-start on, with a default project. */
    START(c -> c.autoStart() && c.defaultProjectId() != null, "auto-start is off"),
    /** {@code unassigned}: stop on unassign on. */
    STOP(Connection::stopOnUnassign, "stop on unassign is off");

    private final Predicate<Connection> option;
    private final String off;

    Purpose(Predicate<Connection> option, String off) {
      this.option = option;
      this.off = off;
    }
  }

  /**
   * The connection to act through, or why none.
   *
   * @param connection the connection whose owner, project and policy are used, if any
   * @param skipReason why nobody is acted for, when empty
   */
  public record Target(Optional<Connection> connection, String skipReason) {
    static Target of(Connection c) {
      return new Target(Optional.of(c), null);
    }

    static Target none(String why) {
      return new Target(Optional.empty(), why);
    }

    /** Whether someone is acted for. */
    public boolean isPresent() {
      return connection.isPresent();
    }

    /** The connection (only when present). */
    public Connection get() {
      return connection.orElseThrow();
    }
  }

  private final TimerService core;
  private final ConnectionRepository connections;

  /** Collaborators. */
  public AssignmentTargets(TimerService core, ConnectionRepository connections) {
    this.core = core;
    this.connections = connections;
  }

  /** Resolves the assignee of {@code ev}, received through connection {@code c}. */
  public Uni<Target> resolve(Connection c, IssueEvent ev, Purpose purpose) {
    String login = ev.assigneeLogin();
    if (login == null) {
      return Uni.createFrom().item(Target.none("no assignee login"));
    }
    return core.userByGithubLogin(login)
        .chain(
            user ->
                user.isEmpty()
                    ? Uni.createFrom()
                        .item(Target.none("'" + login + "' is not linked to a TimeTracker user"))
                    : forUser(c, login, user.get(), purpose));
  }

  private Uni<Target> forUser(Connection c, String login, UserDto user, Purpose purpose) {
    if (user.id() == c.ownerUserId()) {
      return Uni.createFrom().item(ownerTarget(c, login, purpose));
    }
    if (!c.verified()) {
      return Uni.createFrom()
          .item(
              Target.none(
                  "'"
                      + login
                      + "' is not this connection's owner, and this connection has not proven"
                      + " push or admin access to "
                      + c.fullName()
                      + ": it acts for its owner only"));
    }
    return connections
        .activeForRepository(c.repoOwner(), c.repoName())
        .map(list -> assigneeTarget(c, login, user, purpose, list));
  }

  private static Target ownerTarget(Connection c, String login, Purpose purpose) {
    return purpose.option.test(c)
        ? Target.of(c)
        : Target.none(purpose.off + " for '" + login + "' on " + c.fullName());
  }

  private static Target assigneeTarget(
      Connection c, String login, UserDto user, Purpose purpose, List<Connection> candidates) {
    List<Connection> own = candidates.stream().filter(o -> o.ownerUserId() == user.id()).toList();
    if (own.isEmpty()) {
      return Target.none("'" + login + "' has no active connection to " + c.fullName());
    }
    Optional<Connection> proven = own.stream().filter(Connection::verified).findFirst();
    if (proven.isEmpty()) {
      return Target.none(
          "'"
              + login
              + "''s connection to "
              + c.fullName()
              + " has not proven push or admin access");
    }
    return purpose.option.test(proven.get())
        ? Target.of(proven.get())
        : Target.none(purpose.off + " for '" + login + "' on " + c.fullName());
  }
}
