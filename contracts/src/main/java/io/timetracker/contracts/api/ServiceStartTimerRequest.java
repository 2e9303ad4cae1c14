package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Starts a timer for a user on behalf of a connector.
 *
 * <p>{@code whenRunning} says what to do when the user already has a running timer: {@code skip}
 * (answer 409 {@code timer_already_running}) or {@code switch} (stop it, then start this one, in
 * one transaction).
 */
@Schema(name = "ServiceStartTimerRequest")
public record ServiceStartTimerRequest(
    @NotNull Long projectId,
    Long taskId,
    @Size(max = 10000) String notes,
    @NotNull @Pattern(regexp = "github|gcal|slack|import") String source,
    @Size(max = 200) String externalRef,
    @Pattern(regexp = "skip|switch") String whenRunning) {}
