package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of one user's finished entries identified by external references, upserted in one call and
 * one transaction. Each item is checked on its own (as the single upsert checks its body) and may
 * be refused without losing the others; the list itself must hold 1 to {@link #MAX_ITEMS} items
 * (else 400 {@code validation_failed}).
 */
@Schema(name = "ExternalTimeEntryBatchRequest")
public record ExternalTimeEntryBatchRequest(
    @Schema(description = "1 to 100 entries, each as the single upsert's body")
        @NotNull
        @Size(min = 1, max = MAX_ITEMS)
        List<ExternalTimeEntryRequest> items) {

  /** Most items one call accepts. */
  public static final int MAX_ITEMS = 100;
}
