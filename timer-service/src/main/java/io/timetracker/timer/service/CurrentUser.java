package io.timetracker.timer.service;

import io.timetracker.timer.model.Rounding;
import io.timetracker.timer.model.RoundingMethod;
import java.time.ZoneId;

/**
 * The user a request acts for: the signed-in person, or the user a connector acts for ({@code
 * serviceClient} is then that connector's client id, recorded on the rows it writes).
 */
public record CurrentUser(
    long id,
    String username,
    ZoneId zone,
    Rounding rounding,
    boolean admin,
    boolean active,
    String timeZoneName,
    String serviceClient) {

  /** The same user, acted for by a service client. */
  public CurrentUser actedForBy(String clientId) {
    return new CurrentUser(id, username, zone, rounding, admin, active, timeZoneName, clientId);
  }

  /** Builds one from stored column values; an unknown zone name falls back to UTC. */
  public static CurrentUser of(
      long id,
      String username,
      String timeZone,
      int roundingMinutes,
      String roundingMethod,
      boolean admin,
      boolean active) {
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      zone = ZoneId.of("UTC");
    }
    return new CurrentUser(
        id,
        username,
        zone,
        new Rounding(roundingMinutes, RoundingMethod.parse(roundingMethod)),
        admin,
        active,
        zone.getId(),
        null);
  }
}
