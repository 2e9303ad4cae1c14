package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.ConnectionRequest;
import io.timetracker.connector.github.model.ConnectionSettings;
import io.timetracker.connector.github.model.CreatedConnection;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.timer.TimerService;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Connections: create (secret shown once), read, change settings, rotate, delete. A save with a
 * token proves repository access ({@link RepositoryVerifier}) and puts the connection on the sync
 * schedule.
 */
@ApplicationScoped
public class ConnectionService {

  private static final Logger LOG = Logger.getLogger(ConnectionService.class);

  private final ConnectionRepository connections;
  private final TimerService core;
  private final ConnectionSecrets secrets;
  private final GithubConfig config;
  private final Clock clock;
  private final SyncScheduler scheduler;
  private final RepositoryVerifier verifier;

  /** Collaborators. */
  public ConnectionService(
      ConnectionRepository connections,
      TimerService core,
      ConnectionSecrets secrets,
      GithubConfig config,
      Clock clock,
      SyncScheduler scheduler,
      RepositoryVerifier verifier) {
    this.scheduler = scheduler;
    this.verifier = verifier;
    this.connections = connections;
    this.core = core;
    this.secrets = secrets;
    this.config = config;
    this.clock = clock;
  }

  /** Creates a connection for the caller and answers its webhook secret, this once. */
  public Uni<CreatedConnection> create(Caller caller, ConnectionRequest request) {
    if (request.repository() == null) {
      throw ApiException.invalid("repository_required", "repository (owner/repo) is required.");
    }
    String[] repo = request.repository().trim().split("/", 2);
    return core.me(caller.rawToken())
        .chain(user -> checkProject(user.id(), request.defaultProjectId()).replaceWith(user))
        .chain(
            user -> {
              UUID id = UUID.randomUUID();
              String secret = secrets.newWebhookSecret();
              Instant now = clock.instant();
              Connection.Settings settings = Connection.Settings.of(request);
              Connection c =
                  new Connection(
                      id,
                      user.id(),
                      caller.subject(),
                      repo[0],
                      repo[1],
                      secrets.webhookSecret(id, secret),
                      secrets.token(id, request.token()),
                      settings.defaultProjectId(),
                      settings.labelFilter(),
                      settings.autoStart(),
                      settings.timerPolicy(),
                      settings.stopOnUnassign(),
                      settings.active(),
                      null,
                      null,
                      null,
                      null,
                      now,
                      now,
                      null,
                      null,
                      null,
                      null);
              return connections
                  .insert(c)
                  .onFailure(ConnectionService::isDuplicate)
                  .transform(
                      f ->
                          new ApiException(
                              409,
                              "connection_exists",
                              "You already have a connection to " + request.repository() + "."))
                  .invoke(
                      saved ->
                          LOG.infof("connection %s created for %s", saved.id(), saved.fullName()))
                  .chain(this::verifyAndSchedule)
                  .map(saved -> created(saved, secret));
            });
  }

  /** The caller's connections (an admin sees only their own here too). */
  public Uni<List<ConnectionSettings>> list(Caller caller) {
    return connections
        .bySubject(caller.subject())
        .map(list -> list.stream().map(this::settings).toList());
  }

  /** The caller's active connections. */
  public Uni<List<Connection>> active(Caller caller) {
    return connections
        .bySubject(caller.subject())
        .map(list -> list.stream().filter(Connection::active).toList());
  }

  /** One connection the caller may see: their own, or any for an admin. */
  public Uni<Connection> get(Caller caller, UUID id) {
    return connections
        .find(id)
        .map(
            found ->
                found
                    .filter(c -> caller.admin() || c.ownerSubject().equals(caller.subject()))
                    .orElseThrow(
                        () ->
                            ApiException.notFound(
                                "connection_not_found", "No such GitHub connection.")));
  }

  /**
   * Replaces the settings; secrets only when given. The project is checked for the owner, and
   * repository access again when a token is kept or given. A connection deleted meanwhile is 404.
   */
  public Uni<Connection> update(Caller caller, UUID id, ConnectionRequest request) {
    return get(caller, id)
        .chain(c -> checkProject(c.ownerUserId(), request.defaultProjectId()).replaceWith(c))
        .map(
            c ->
                c.withSettings(Connection.Settings.of(request), token(c, request), clock.instant()))
        .chain(connections::update)
        .map(
            saved ->
                saved.orElseThrow(
                    () ->
                        ApiException.notFound(
                            "connection_not_found", "No such GitHub connection.")))
        .chain(this::verifyAndSchedule);
  }

  /**
   * A new webhook secret, shown this once. The replaced one stays accepted for {@code
   * github.webhook.secret-overlap} (default 24 h), so deliveries keep verifying until GitHub has
   * the new one.
   */
  public Uni<CreatedConnection> rotateSecret(Caller caller, UUID id) {
    return get(caller, id)
        .chain(
            c -> {
              String secret = secrets.newWebhookSecret();
              Instant now = clock.instant();
              Connection changed =
                  c.withWebhookSecret(
                      secrets.webhookSecret(c.id(), secret),
                      secrets.asPrevious(c),
                      now.plus(config.webhook().secretOverlap()),
                      now);
              return connections
                  .update(changed)
                  .map(
                      saved ->
                          saved.orElseThrow(
                              () ->
                                  ApiException.notFound(
                                      "connection_not_found", "No such GitHub connection.")))
                  .map(saved -> created(saved, secret));
            });
  }

  /** Deletes a connection. */
  public Uni<Void> delete(Caller caller, UUID id) {
    return get(caller, id)
        .call(c -> scheduler.remove(c.id()))
        .chain(c -> connections.delete(c.id()))
        .replaceWithVoid();
  }

  /** Settings as shown by the API. */
  public ConnectionSettings settings(Connection c) {
    return ConnectionSettings.of(c, webhookUrl(c.id()));
  }

  /** The exact URL to paste into GitHub. */
  public String webhookUrl(UUID id) {
    String base = config.publicBaseUrl().replaceAll("/+$", "");
    return base + "/api/integrations/github/webhook/" + id;
  }

  /**
   * Fails with 400 {@code project_not_allowed} unless the project is one the user may track time on
   * (active, member); checked at save and again at use by the core itself.
   */
  public Uni<Void> checkProject(long userId, Long projectId) {
    if (projectId == null) {
      return Uni.createFrom().voidItem();
    }
    return core.allowedProjects(userId, null)
        .invoke(
            projects -> {
              if (projects.stream().noneMatch(p -> p.id() == projectId)) {
                throw ApiException.invalid(
                    "project_not_allowed",
                    "Project " + projectId + " is not an active project you can track time on.");
              }
            })
        .replaceWithVoid();
  }

  // with a token: access proven (or not) now, and the scheduled sync put on the schedule
  private Uni<Connection> verifyAndSchedule(Connection c) {
    if (c.token() == null) {
      return Uni.createFrom().item(c);
    }
    return verifier.verify(c).call(() -> scheduler.ensure(c.id()));
  }

  private String token(Connection c, ConnectionRequest request) {
    if (Boolean.TRUE.equals(request.clearToken())) {
      return null;
    }
    if (request.token() != null && !request.token().isBlank()) {
      return secrets.token(c.id(), request.token());
    }
    return c.token();
  }

  private CreatedConnection created(Connection c, String secret) {
    return new CreatedConnection(true, settings(c), webhookUrl(c.id()), secret);
  }

  private static boolean isDuplicate(Throwable f) {
    return f instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
