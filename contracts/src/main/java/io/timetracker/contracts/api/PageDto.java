package io.timetracker.contracts.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list. */
@Schema(name = "Page")
public record PageDto<T>(List<T> items, int page, int size, long total) {}
