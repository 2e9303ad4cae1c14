package io.timetracker.timer.service;

/**
 * What a service client may do on the service API, granted as a client role of {@code
 * timer-service} in the identity provider (see {@code docs/adr/0005-scoped-service-clients.md}).
 */
public enum Capability {
  TIMERS("timers"),
  SUMMARY("summary"),
  PROJECTS("projects"),
  TASKS("tasks"),
  TIME_ENTRIES("time-entries"),
  IDENTITIES_READ("identities-read"),
  IDENTITIES_WRITE("identities-write");

  private final String role;

  Capability(String role) {
    this.role = role;
  }

  /** The role name in tokens. */
  public String role() {
    return role;
  }
}
