package io.timetracker.contracts.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The preferences a user may change on their own profile. */
@Schema(name = "UpdateMeRequest")
public record UpdateMeRequest(
    @Size(max = 64) String timeZone,
    Integer roundingMinutes,
    @Pattern(regexp = "nearest|up|down") String roundingMethod,
    @Size(max = 200) String fullName) {}
