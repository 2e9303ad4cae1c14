package io.timetracker.connector.github.client;

import io.timetracker.connector.github.model.Issue;
import java.util.List;

/**
 * One page of a repository's issues.
 *
 * @param issues the items (pull requests included, flagged)
 * @param hasNext whether the {@code Link} header names a {@code rel="next"} page
 * @param etag the page's ETag, or {@code null}
 * @param notModified GitHub answered 304 to our {@code If-None-Match}
 */
public record IssuesPage(List<Issue> issues, boolean hasNext, String etag, boolean notModified) {}
