package io.timetracker.connector.kit.jobs;

import java.util.List;

/**
 * What one scheduler tick did.
 *
 * @param claimed jobs claimed
 * @param succeeded jobs that completed
 * @param failed jobs that failed or timed out and were pushed back
 */
public record JobRunSummary(int claimed, int succeeded, int failed) {

  static JobRunSummary of(List<Boolean> outcomes) {
    int ok = (int) outcomes.stream().filter(Boolean::booleanValue).count();
    return new JobRunSummary(outcomes.size(), ok, outcomes.size() - ok);
  }
}
