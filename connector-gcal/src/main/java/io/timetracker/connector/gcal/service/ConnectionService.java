package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.client.GoogleApiException;
import io.timetracker.connector.gcal.client.GoogleCalendarClient;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.Direction;
import io.timetracker.connector.gcal.model.GcalStatus;
import io.timetracker.connector.gcal.model.SettingsRequest;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.ConnectionHealth;
import io.timetracker.connector.kit.api.NotConfigured;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncStatus;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.timer.TimerService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * The person's connection as the user API sees it: settings (saved with the original's forgiving
 * rules, the project checked in the core), status with health, and the test call.
 */
@ApplicationScoped
public class ConnectionService {

  private final ConnectionRepository connections;
  private final ExportQueue exports;
  private final TimerService core;
  private final AccessTokens tokens;
  private final GoogleCalendarClient google;
  private final GcalConfig config;
  private final Clock clock;

  /** Collaborators. */
  public ConnectionService(
      ConnectionRepository connections,
      ExportQueue exports,
      TimerService core,
      AccessTokens tokens,
      GoogleCalendarClient google,
      GcalConfig config,
      Clock clock) {
    this.connections = connections;
    this.exports = exports;
    this.core = core;
    this.tokens = tokens;
    this.google = google;
    this.config = config;
    this.clock = clock;
  }

  /** The caller's connection, whatever its state; 404 {@code not_configured} without one. */
  public Uni<Connection> any(Caller caller) {
    return connections.bySubject(caller.subject()).map(ConnectionService::orNotConfigured);
  }

  /** The caller's active connection; 404 {@code not_configured} without one. */
  public Uni<Connection> active(Caller caller) {
    return connections
        .bySubject(caller.subject())
        .map(found -> orNotConfigured(found.filter(Connection::active)));
  }

  /** Saves settings, creating the (unconnected) connection on the first save. */
  public Uni<Connection> save(Caller caller, SettingsRequest request) {
    return core.me(caller.rawToken())
        .chain(user -> connections.ensure(caller.subject(), user.id(), clock.instant()))
        .chain(c -> checkProject(c, request).replaceWith(c))
        .chain(
            c ->
                connections.saveSettings(
                    c.id(),
                    calendar(c, request),
                    direction(c, request),
                    daysBack(c, request),
                    project(c, request)));
  }

  /** The uniform status. */
  public Uni<StatusResponse> status(Caller caller) {
    return connections
        .bySubject(caller.subject())
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(StatusResponse.notConnected())
                    : exports.counts(found.get().id()).map(counts -> status(found.get(), counts)));
  }

  /** Everything the card shows. */
  public Uni<GcalStatus> details(Caller caller) {
    return any(caller).chain(c -> exports.counts(c.id()).map(counts -> details(c, counts)));
  }

  /** Lists the account's calendars with the stored (refreshed) token. */
  public Uni<TestResult> test(Caller caller) {
    return active(caller)
        .chain(tokens::fresh)
        .chain(google::calendars)
        .map(list -> TestResult.ok("Connected (" + list.items().size() + " calendars)"))
        .onFailure(ReconnectNeededException.class)
        .recoverWithItem(TestResult.failed(ReconnectNeededException.MESSAGE))
        .onFailure(GoogleApiException.class)
        .recoverWithItem(f -> TestResult.failed(f.getMessage()));
  }

  private StatusResponse status(Connection c, ExportQueue.Counts counts) {
    if (!c.active() && !c.reconnectNeeded()) {
      return StatusResponse.notConnected();
    }
    return new StatusResponse(
        true,
        c.active() && c.connected(),
        c.lastSyncAt(),
        syncStatus(c.lastSyncStatus()),
        c.lastError(),
        health(c, counts));
  }

  private GcalStatus details(Connection c, ExportQueue.Counts counts) {
    return new GcalStatus(
        true,
        c.active() && c.connected(),
        c.reconnectNeeded(),
        config.oauth().configured(),
        c.email(),
        c.scopes(),
        c.tokenExpiresAt(),
        c.calendarId(),
        c.direction(),
        c.lastSyncAt(),
        c.lastSyncStatus(),
        c.lastError(),
        counts.pending(),
        counts.failed(),
        c.conflicts(),
        c.lastConflict());
  }

  private static ConnectionHealth health(Connection c, ExportQueue.Counts counts) {
    if (c.reconnectNeeded()) {
      return ConnectionHealth.down(ReconnectNeededException.MESSAGE);
    }
    if ("failed".equals(c.lastSyncStatus())) {
      return ConnectionHealth.down(c.lastError());
    }
    if (counts.failed() > 0) {
      return ConnectionHealth.degraded(
          counts.failed() + " export(s) failed; the next sync retries");
    }
    if ("partial".equals(c.lastSyncStatus())) {
      return ConnectionHealth.degraded(c.lastError() != null ? c.lastError() : c.lastConflict());
    }
    return c.lastSyncStatus() == null ? ConnectionHealth.unknown() : ConnectionHealth.up();
  }

  private static SyncStatus syncStatus(String value) {
    return value == null ? null : SyncStatus.valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }

  private Uni<Void> checkProject(Connection c, SettingsRequest request) {
    Long project = project(c, request);
    if (request.defaultProjectId() == null || project == null) {
      return Uni.createFrom().voidItem();
    }
    return core.allowedProjects(c.userId(), null)
        .invoke(
            list -> {
              if (list.stream().noneMatch(p -> p.id() == project)) {
                throw ApiException.invalid(
                    "project_not_allowed",
                    "Project "
                        + project
                        + " does not exist, is archived, or you may not track time on it.");
              }
            })
        .replaceWithVoid();
  }

  private static String calendar(Connection c, SettingsRequest r) {
    return r.calendarId() == null ? c.calendarId() : SettingsRequest.calendarId(r.calendarId());
  }

  private static Direction direction(Connection c, SettingsRequest r) {
    return r.direction() == null ? c.direction() : Direction.parse(r.direction());
  }

  private static int daysBack(Connection c, SettingsRequest r) {
    return r.daysBack() == null ? c.daysBack() : SettingsRequest.daysBack(r.daysBack());
  }

  private static Long project(Connection c, SettingsRequest r) {
    return r.defaultProjectId() == null
        ? c.defaultProjectId()
        : SettingsRequest.projectId(r.defaultProjectId());
  }

  private static Connection orNotConfigured(Optional<Connection> found) {
    return found.orElseThrow(() -> ApiException.notFound("not_configured", NotConfigured.MESSAGE));
  }
}
