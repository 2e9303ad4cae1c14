package io.timetracker.timer.service;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Time zones as users may set them: IANA region ids only ({@code Europe/Berlin}, {@code UTC},
 * {@code Etc/GMT-5}). Offsets such as {@code UTC+5} or {@code +05:00} are refused: PostgreSQL reads
 * such a name as a POSIX zone, with the opposite sign, so a report cut by PostgreSQL would land on
 * the wrong days. Zones stored before this rule keep working ({@link #sqlOffsetSeconds}).
 */
public final class TimeZones {
  private static final Set<String> REGIONS = ZoneId.getAvailableZoneIds();

  private TimeZones() {}

  /** The region named {@code value}; 400 naming {@code field} for an offset or unknown name. */
  public static ZoneId region(String field, String value) {
    if (value == null || !REGIONS.contains(value.strip())) {
      throw ApiException.invalidField(
          field, "must be an IANA region id like Europe/Berlin; UTC offsets are not accepted");
    }
    return ZoneId.of(value.strip());
  }

  /** Whether PostgreSQL reads this zone's id as Java does (a region id of the tz database). */
  public static boolean isRegion(ZoneId zone) {
    return REGIONS.contains(zone.getId());
  }

  /** The fixed offset of a non-region zone in seconds east of UTC, for SQL interval arithmetic. */
  public static int sqlOffsetSeconds(ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.EPOCH);
    return offset.getTotalSeconds();
  }
}
