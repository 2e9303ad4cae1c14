package io.timetracker.connector.kit.jobs;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Runs the due rows of one job with at most {@code maxConcurrent} of them at once in this replica:
 * a tick reserves the free slots, claims only that many (so the other replicas take the rest), and
 * frees each slot when its run ends. A connector's scheduler holds one and calls {@link #runDue}
 * from its {@code @Scheduled} tick and when a person asks for a sync.
 */
public final class BoundedJobRuns {

  private final JobClaimer claimer;
  private final JobRunner runner;
  private final String job;
  private final IntSupplier maxConcurrent;
  private final Function<ClaimedJob, Uni<Instant>> work;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * Runs of {@code job}; {@code work}'s item is when the connection is due next (as for {@link
   * JobRunner#run}).
   */
  public BoundedJobRuns(
      JobClaimer claimer,
      JobRunner runner,
      String job,
      IntSupplier maxConcurrent,
      Function<ClaimedJob, Uni<Instant>> work) {
    this.claimer = claimer;
    this.runner = runner;
    this.job = job;
    this.maxConcurrent = maxConcurrent;
    this.work = work;
  }

  /** Claims as many due rows as there are free slots and runs them; the number run. */
  public Uni<Integer> runDue() {
    int slots = reserve();
    if (slots == 0) {
      return Uni.createFrom().item(0);
    }
    return claimer
        .claimDue(job, slots)
        .invoke(claimed -> release(slots - claimed.size()))
        .onFailure()
        .invoke(() -> release(slots))
        .onItem()
        .transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
        .onItem()
        .transformToUniAndMerge(claimed -> runner.run(claimed, work).eventually(() -> release(1)))
        .collect()
        .asList()
        .map(List::size);
  }

  /** Runs going on now in this replica. */
  public int running() {
    return running.get();
  }

  private int reserve() {
    while (true) {
      int now = running.get();
      int free = Math.max(0, maxConcurrent.getAsInt() - now);
      if (free == 0 || running.compareAndSet(now, now + free)) {
        return free;
      }
    }
  }

  private void release(int slots) {
    if (slots > 0) {
      running.addAndGet(-slots);
    }
  }
}
