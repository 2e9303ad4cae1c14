package io.timetracker.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a batch upsert did with each item, in the request's order, and the counts per outcome.
 *
 * @param items one result per request item, same order
 * @param created items that became new entries
 * @param updated items that changed an existing entry
 * @param unchanged items equal to their stored entry (nothing written, no event)
 * @param refused items not applied; each carries the problem the single upsert would answer
 */
@Schema(name = "ExternalTimeEntryBatchResult")
public record ExternalTimeEntryBatchResult(
    List<Item> items, int created, int updated, int unchanged, int refused) {

  /** Outcome of an item that became a new entry. */
  public static final String CREATED = "created";

  /** Outcome of an item that changed its stored entry. */
  public static final String UPDATED = "updated";

  /** Outcome of an item equal to its stored entry. */
  public static final String UNCHANGED = "unchanged";

  /** Outcome of an item not applied. */
  public static final String REFUSED = "refused";

  /** The result of a list of items, counted. */
  public static ExternalTimeEntryBatchResult of(List<Item> items) {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int refused = 0;
    for (Item item : items) {
      switch (item.outcome()) {
        case CREATED -> created++;
        case UPDATED -> updated++;
        case UNCHANGED -> unchanged++;
        default -> refused++;
      }
    }
    return new ExternalTimeEntryBatchResult(
        List.copyOf(items), created, updated, unchanged, refused);
  }

  /**
   * One item's result.
   *
   * @param index position of the item in the request (0-based)
   * @param externalRef the item's external reference (null when the item had none)
   * @param outcome {@code created}, {@code updated}, {@code unchanged} or {@code refused}
   * @param entry the stored entry; null when refused
   * @param problem why it was refused (status and code as the single upsert would answer); null
   *     otherwise
   */
  @Schema(name = "ExternalTimeEntryBatchItem")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      int index,
      String externalRef,
      @Schema(enumeration = {CREATED, UPDATED, UNCHANGED, REFUSED}) String outcome,
      TimeEntryDto entry,
      Problem problem) {

    /** Whether the item was applied (created, updated or unchanged). */
    public boolean applied() {
      return !REFUSED.equals(outcome);
    }

    /** Whether the item created an entry. */
    public boolean created() {
      return CREATED.equals(outcome);
    }
  }
}
