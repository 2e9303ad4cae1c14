package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.client.CoreClient;
import io.timetracker.connector.github.client.GithubClient;
import io.timetracker.connector.github.client.GithubException;
import io.timetracker.connector.github.client.IssuesPage;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Issue;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.api.SyncResult;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.masking.ErrorText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sync of a connection's open issues: every page (followed while the {@code Link} header has a next
 * page), pull requests left out, the label filter applied, tasks upserted by reference; then issues
 * closed on GitHub since the last sync are completed. A rate limit (429, or 403 with {@code
 * Retry-After}/{@code X-RateLimit-*}) is waited out when short, otherwise the sync fails and the
 * scheduler retries later. The first page is asked with {@code If-None-Match}; 304 means nothing
 * changed.
 */
@ApplicationScoped
public class SyncService {

  private static final Logger LOG = Logger.getLogger(SyncService.class);

  private final ConnectionRepository connections;
  private final GithubClient github;
  private final CoreClient core;
  private final SecretCipher cipher;
  private final GithubConfig config;
  private final Clock clock;

  /** Collaborators. */
  public SyncService(
      ConnectionRepository connections,
      GithubClient github,
      CoreClient core,
      SecretCipher cipher,
      GithubConfig config,
      Clock clock) {
    this.connections = connections;
    this.github = github;
    this.core = core;
    this.cipher = cipher;
    this.config = config;
    this.clock = clock;
  }

  /** Syncs one connection and records the outcome on it. */
  public Uni<SyncResult> sync(Connection c) {
    if (c.token() == null) {
      return record(c, SyncResult.failure("No GitHub token configured"), null);
    }
    if (c.defaultProjectId() == null) {
      return record(c, SyncResult.failure("default project not set"), null);
    }
    String token = cipher.decrypt(c.token(), Connection.tokenContext(c.id())).value();
    Instant started = clock.instant();
    Counters n = new Counters();
    return pages(c, token, "open", null, c.etag(), 1, n)
        .chain(
            etag ->
                c.lastSyncAt() == null
                    ? Uni.createFrom().item(etag)
                    : pages(c, token, "closed", c.lastSyncAt().toString(), null, 1, n)
                        .replaceWith(etag))
        .map(
            etag -> {
              n.etag = etag;
              return SyncResult.of(n.created, n.updated, n.skipped, n.failed, n.errors);
            })
        .onFailure()
        .recoverWithItem(f -> SyncResult.failure(ErrorText.of(f)))
        .chain(result -> record(c, result, n.etag, started));
  }

  private Uni<String> pages(
      Connection c, String token, String state, String since, String etag, int page, Counters n) {
    return fetch(c, token, state, since, etag, page, 0)
        .chain(
            p -> {
              if (p.notModified()) {
                return Uni.createFrom().item(p.etag());
              }
              return apply(c, p.issues(), "closed".equals(state), n)
                  .chain(
                      () ->
                          p.hasNext() && page < config.sync().maxPages()
                              ? pages(c, token, state, since, null, page + 1, n)
                                  .replaceWith(page == 1 ? p.etag() : null)
                              : Uni.createFrom().item(page == 1 ? p.etag() : null));
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
              Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1));
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

  private Uni<Void> apply(Connection c, List<Issue> issues, boolean closed, Counters n) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Issue issue : issues) {
      if (issue.pullRequest() || issue.number() <= 0 || !IssueTasks.passesFilter(c, issue)) {
        n.skipped++;
        continue;
      }
      chain =
          chain.chain(
              () ->
                  core.upsertTaskWithOutcome(
                          c.ownerUserId(),
                          IssueTasks.upsert(c, c.defaultProjectId(), issue, closed ? "done" : null))
                      .invoke(
                          u -> {
                            if (u.created()) {
                              n.created++;
                            } else {
                              n.updated++;
                            }
                          })
                      .replaceWithVoid()
                      .onFailure()
                      .recoverWithItem(
                          f -> {
                            n.failed++;
                            n.errors.add("#" + issue.number() + ": " + ErrorText.of(f));
                            return null;
                          }));
    }
    return chain;
  }

  private Uni<SyncResult> record(Connection c, SyncResult result, String etag) {
    return record(c, result, etag, clock.instant());
  }

  private Uni<SyncResult> record(Connection c, SyncResult result, String etag, Instant started) {
    String error = result.errors().isEmpty() ? null : result.errors().get(0);
    // lastSyncAt is when this run started, so the next "closed since" overlaps instead of gapping
    return connections
        .recordSync(c.id(), started, result.status().value(), error, etag)
        .replaceWith(result);
  }

  private static final class Counters {
    int created;
    int updated;
    int skipped;
    int failed;
    String etag;
    final List<String> errors = new ArrayList<>();
  }
}
