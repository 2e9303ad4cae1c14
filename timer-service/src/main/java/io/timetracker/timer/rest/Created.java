package io.timetracker.timer.rest;

import io.timetracker.contracts.api.TimeEntryDto;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** 201 answers with the location of what was created. */
final class Created {
  private Created() {}

  static RestResponse<TimeEntryDto> entry(TimeEntryDto dto) {
    return RestResponse.ResponseBuilder.<TimeEntryDto>created(
            URI.create("/api/v1/time-entries/" + dto.id()))
        .entity(dto)
        .build();
  }

  static <T> RestResponse<T> at(String path, T dto) {
    return RestResponse.ResponseBuilder.<T>created(URI.create(path)).entity(dto).build();
  }
}
