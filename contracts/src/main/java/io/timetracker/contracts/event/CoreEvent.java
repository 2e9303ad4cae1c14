package io.timetracker.contracts.event;

/**
 * A payload the core publishes: a time-entry event (on {@code tt.time-entries.v1}) or a task event
 * (on {@code tt.tasks.v1}). Sealed so that a consumer's dispatch can be checked for completeness.
 */
public sealed interface CoreEvent permits TimeEntryEvent, TaskEvent {}
