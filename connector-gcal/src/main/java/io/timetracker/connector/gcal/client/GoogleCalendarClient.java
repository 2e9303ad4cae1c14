package io.timetracker.connector.gcal.client;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.kit.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The Calendar API as the services call it: every call is retried on 429, 403 rate limits, 5xx and
 * I/O failures, waiting what Google's {@code Retry-After} asks (capped) or an exponential backoff
 * with jitter; other failures are final. The access token must be fresh ({@code AccessTokens}).
 */
@ApplicationScoped
public class GoogleCalendarClient {

  private static final Logger LOG = Logger.getLogger(GoogleCalendarClient.class);

  private final GoogleCalendarRestClient api;
  private final GcalConfig.Import config;
  private final Backoff backoff;

  /** The REST client and {@code gcal.import.*} retry settings. */
  public GoogleCalendarClient(@RestClient GoogleCalendarRestClient api, GcalConfig config) {
    this.api = api;
    this.config = config.importing();
    this.backoff = new Backoff(this.config.retryBase(), this.config.retryAfterCap(), 0.2);
  }

  /** One page of a full window listing (recurring events expanded). */
  public Uni<EventsPage> listWindow(
      String token, String calendarId, String timeMin, String timeMax, String pageToken) {
    return retried(
        () ->
            api.listEvents(
                bearer(token),
                calendarId,
                timeMin,
                timeMax,
                true,
                config.pageSize(),
                pageToken,
                null));
  }

  /** One page of the changes since the sync token (deleted events come as cancelled). */
  public Uni<EventsPage> listChanges(
      String token, String calendarId, String syncToken, String pageToken) {
    return retried(
        () ->
            api.listEvents(
                bearer(token),
                calendarId,
                null,
                null,
                true,
                config.pageSize(),
                pageToken,
                syncToken));
  }

  /** One event. */
  public Uni<CalendarEvent> get(String token, String calendarId, String eventId) {
    return retried(() -> api.getEvent(bearer(token), calendarId, eventId));
  }

  /** Creates an event (with our own id, so a repeated insert answers 409 instead of a copy). */
  public Uni<CalendarEvent> insert(String token, String calendarId, CalendarEvent event) {
    return retried(() -> api.insertEvent(bearer(token), calendarId, event));
  }

  /** Changes the given fields of an event. */
  public Uni<CalendarEvent> patch(
      String token, String calendarId, String eventId, CalendarEvent event) {
    return retried(() -> api.patchEvent(bearer(token), calendarId, eventId, event));
  }

  /** Deletes an event. */
  public Uni<Void> delete(String token, String calendarId, String eventId) {
    return retried(() -> api.deleteEvent(bearer(token), calendarId, eventId));
  }

  /** The account's calendars. */
  public Uni<CalendarList> calendars(String token) {
    return retried(() -> api.calendarList(bearer(token)));
  }

  private <T> Uni<T> retried(Supplier<Uni<T>> call) {
    return attempt(call, 1);
  }

  private <T> Uni<T> attempt(Supplier<Uni<T>> call, int attempt) {
    return Uni.createFrom()
        .<T>deferred(call::get)
        .onFailure(f -> !(f instanceof GoogleApiException))
        .transform(f -> new GoogleUnavailableException("Google Calendar unreachable", f))
        .onFailure(f -> retryable(f, attempt))
        .recoverWithUni(f -> later(call, attempt, (GoogleApiException) f));
  }

  private <T> Uni<T> later(Supplier<Uni<T>> call, int attempt, GoogleApiException failure) {
    Duration wait = delay(failure, attempt);
    LOG.debugf("Google %d (%s), retry %d in %s", failure.status(), failure.reason(), attempt, wait);
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(wait)
        .chain(() -> attempt(call, attempt + 1));
  }

  private boolean retryable(Throwable failure, int attempt) {
    return attempt <= config.maxRetries()
        && failure instanceof GoogleApiException google
        && google.retryable();
  }

  private Duration delay(GoogleApiException failure, int attempt) {
    Duration asked = failure.retryAfter();
    if (asked != null) {
      return asked.compareTo(config.retryAfterCap()) > 0 ? config.retryAfterCap() : asked;
    }
    return backoff.delay(attempt);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }
}
