package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.client.GithubClient;
import io.timetracker.connector.github.client.GithubException;
import io.timetracker.connector.github.client.GithubRateLimitedException;
import io.timetracker.connector.github.client.IssuesPage;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Issue;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.github.repository.SyncRunRepository;
import io.timetracker.connector.kit.api.SyncResult;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.crypto.SecretDecryptionException;
import io.timetracker.connector.kit.masking.ErrorText;
import io.timetracker.connector.kit.timer.TimerService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sync of a connection's open issues: repository access proven again first ({@link
 * RepositoryVerifier}), then every page (followed while the {@code Link} header has a next page),
 * pull requests left out, the label filter applied, tasks upserted by reference; then issues closed
 * on GitHub since the last sync are completed. A rate limit is waited out when short; a longer one
 * ends the sync with the time the token may call again, and only this connection waits for it. The
 * first page is asked with {@code If-None-Match}; 304 means nothing changed. Progress goes to the
 * requested runs ({@code github_sync_run}), the outcome to the connection.
 */
@ApplicationScoped
public class SyncService {

  private static final Logger LOG = Logger.getLogger(SyncService.class);

  private final ConnectionRepository connections;
  private final SyncRunRepository runs;
  private final GithubClient github;
  private final TimerService core;
  private final SecretCipher cipher;
  private final RepositoryVerifier verifier;
  private final GithubConfig config;
  private final Clock clock;

  /** Collaborators. */
  public SyncService(
      ConnectionRepository connections,
      SyncRunRepository runs,
      GithubClient github,
      TimerService core,
      SecretCipher cipher,
      RepositoryVerifier verifier,
      GithubConfig config,
      Clock clock) {
    this.connections = connections;
    this.runs = runs;
    this.github = github;
    this.core = core;
    this.cipher = cipher;
    this.verifier = verifier;
    this.config = config;
    this.clock = clock;
  }

  /**
   * How a sync ended.
   *
   * @param result the uniform result
   * @param runAgainAt when the connection should sync again instead of after the interval: when its
   *     token may call GitHub again after a rate limit, or soon after GitHub or the core could not
   *     be reached; {@code null} when the next sync is due after the interval
   */
  public record Outcome(SyncResult result, Instant runAgainAt) {}

  /** Syncs one connection, reports to the given runs and records the outcome on the connection. */
  public Uni<Outcome> sync(Connection c, List<UUID> runIds) {
    Run run = new Run(c, runIds, clock.instant());
    if (c.token() == null) {
      return finish(run, SyncResult.failure("No GitHub token configured"), null);
    }
    if (c.defaultProjectId() == null) {
      return finish(run, SyncResult.failure("default project not set"), null);
    }
    return Uni.createFrom()
        .item(() -> cipher.decrypt(c.token(), Connection.tokenContext(c.id())).value())
        .call(token -> verifier.verify(c))
        .chain(token -> issues(run, token))
        .map(etag -> new Outcome(run.result(), run.failed > 0 ? soon() : null))
        .onFailure()
        .recoverWithItem(this::failed)
        .chain(outcome -> finish(run, outcome.result(), outcome.runAgainAt()));
  }

  private Uni<String> issues(Run run, String token) {
    Connection c = run.connection;
    return pages(run, token, "open", null, c.etag(), 1)
        .invoke(etag -> run.etag = etag)
        .call(
            () ->
                c.lastSyncAt() == null
                    ? Uni.createFrom().voidItem()
                    : pages(run, token, "closed", c.lastSyncAt().toString(), null, 1));
  }

  private Outcome failed(Throwable f) {
    if (f instanceof SecretDecryptionException e) {
      return new Outcome(
          SyncResult.failure(
              "the stored token cannot be decrypted ("
                  + e.getMessage()
                  + "): enter the token again"),
          null);
    }
    if (f instanceof GithubRateLimitedException e && e.until() != null) {
      return new Outcome(
          SyncResult.failure(
              "GitHub rate limit of this connection's token: next try after " + e.until()),
          e.until());
    }
    // a final refusal (bad token, no access, gone) waits for the interval; anything else was GitHub
    // or the core being unreachable or failing (5xx, timeout, connection, breaker open)
    boolean unavailable = !(f instanceof GithubException e) || e.retryable();
    return new Outcome(SyncResult.failure(ErrorText.of(f)), unavailable ? soon() : null);
  }

  /** When a sync that GitHub's or the core's unavailability ended runs again. */
  private Instant soon() {
    return clock.instant().plus(config.sync().retryAfterFailure());
  }

  private Uni<String> pages(
      Run run, String token, String state, String since, String etag, int page) {
    return fetch(run.connection, token, state, since, etag, page, 0)
        .call(p -> apply(run, p, "closed".equals(state)))
        .chain(
            p -> {
              if (p.notModified()) {
                return Uni.createFrom().item(p.etag());
              }
              String first = page == 1 ? p.etag() : null;
              return p.hasNext() && page < config.sync().maxPages()
                  ? pages(run, token, state, since, null, page + 1).replaceWith(first)
                  : Uni.createFrom().item(first);
            });
  }

  private Uni<IssuesPage> fetch(
      Connection c, String token, String state, String since, String etag, int page, int attempt) {
    return github
        .issues(
            token, c.repoOwner(), c.repoName(), state, since, etag, config.sync().perPage(), page)
        .onFailure(GithubException.class)
        .recoverWithUni(
            f -> {
              GithubException e = (GithubException) f;
              Duration wait = waitFor(e);
              if (!e.retryable()
                  || attempt >= config.sync().pageRetries()
                  || wait.compareTo(config.sync().maxRetryAfter()) > 0) {
                return Uni.createFrom().failure(e);
              }
              LOG.infof(
                  "GitHub page %d of %s: HTTP %d, retrying in %s",
                  page, c.fullName(), e.status(), wait);
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(wait)
                  .chain(() -> fetch(c, token, state, since, etag, page, attempt + 1));
            });
  }

  private Duration waitFor(GithubException e) {
    if (e instanceof GithubRateLimitedException limited && limited.until() != null) {
      Duration untilThen = Duration.between(clock.instant(), limited.until());
      return untilThen.isNegative() ? Duration.ZERO : untilThen;
    }
    return e.retryAfter().orElse(Duration.ofSeconds(1));
  }

  private Uni<Void> apply(Run run, IssuesPage p, boolean closed) {
    if (p.notModified()) {
      return Uni.createFrom().voidItem();
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Issue issue : p.issues()) {
      chain = chain.chain(() -> upsert(run, issue, closed));
    }
    run.pages++;
    return chain.chain(() -> runs.progress(run.runIds, run.pages, run.result()));
  }

  private Uni<Void> upsert(Run run, Issue issue, boolean closed) {
    Connection c = run.connection;
    if (issue.pullRequest() || issue.number() <= 0 || !IssueTasks.passesFilter(c, issue)) {
      run.skipped++;
      return Uni.createFrom().voidItem();
    }
    return core.upsertTaskWithOutcome(
            c.ownerUserId(),
            IssueTasks.upsert(c, c.defaultProjectId(), issue, closed ? "done" : null))
        .invoke(u -> run.count(u.created()))
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            f -> {
              run.failed++;
              run.errors.add("#" + issue.number() + ": " + ErrorText.of(f));
              return null;
            });
  }

  // lastSyncAt is when this run started, so the next "closed since" overlaps instead of gapping
  private Uni<Outcome> finish(Run run, SyncResult result, Instant runAgainAt) {
    String error = result.errors().isEmpty() ? null : result.errors().get(0);
    return connections
        .recordSync(run.connection.id(), run.started, result.status().value(), error, run.etag)
        .call(() -> runs.finish(run.runIds, run.pages, result, clock.instant()))
        .replaceWith(new Outcome(result, runAgainAt));
  }

  /** The state of one sync while it runs. */
  private static final class Run {
    final Connection connection;
    final List<UUID> runIds;
    final Instant started;
    final List<String> errors = new ArrayList<>();
    int pages;
    int created;
    int updated;
    int skipped;
    int failed;
    String etag;

    Run(Connection connection, List<UUID> runIds, Instant started) {
      this.connection = connection;
      this.runIds = runIds;
      this.started = started;
    }

    void count(boolean wasCreated) {
      if (wasCreated) {
        created++;
      } else {
        updated++;
      }
    }

    SyncResult result() {
      return SyncResult.of(created, updated, skipped, failed, errors);
    }
  }
}
