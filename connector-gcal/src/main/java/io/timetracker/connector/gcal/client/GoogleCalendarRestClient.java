package io.timetracker.connector.gcal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Google Calendar API v3, the calls we make; the base URL is {@code
 * quarkus.rest-client.gcal-api.url} (WireMock in tests). The bearer is the person's access token,
 * refreshed before the call.
 */
@RegisterRestClient(configKey = "gcal-api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface GoogleCalendarRestClient {

  ObjectMapper JSON = new ObjectMapper();

  @GET
  @Path("/calendars/{calendarId}/events")
  Uni<EventsPage> listEvents(
      @HeaderParam("Authorization") String bearer,
      @PathParam("calendarId") String calendarId,
      @QueryParam("timeMin") String timeMin,
      @QueryParam("timeMax") String timeMax,
      @QueryParam("singleEvents") Boolean singleEvents,
      @QueryParam("maxResults") Integer maxResults,
      @QueryParam("pageToken") String pageToken,
      @QueryParam("syncToken") String syncToken);

  @GET
  @Path("/calendars/{calendarId}/events/{eventId}")
  Uni<CalendarEvent> getEvent(
      @HeaderParam("Authorization") String bearer,
      @PathParam("calendarId") String calendarId,
      @PathParam("eventId") String eventId);

  @POST
  @Path("/calendars/{calendarId}/events")
  Uni<CalendarEvent> insertEvent(
      @HeaderParam("Authorization") String bearer,
      @PathParam("calendarId") String calendarId,
      CalendarEvent event);

  @PATCH
  @Path("/calendars/{calendarId}/events/{eventId}")
  Uni<CalendarEvent> patchEvent(
      @HeaderParam("Authorization") String bearer,
      @PathParam("calendarId") String calendarId,
      @PathParam("eventId") String eventId,
      CalendarEvent event);

  @DELETE
  @Path("/calendars/{calendarId}/events/{eventId}")
  Uni<Void> deleteEvent(
      @HeaderParam("Authorization") String bearer,
      @PathParam("calendarId") String calendarId,
      @PathParam("eventId") String eventId);

  @GET
  @Path("/users/me/calendarList")
  Uni<CalendarList> calendarList(@HeaderParam("Authorization") String bearer);

  /** Google's error document becomes a typed exception with its reason and Retry-After. */
  @ClientExceptionMapper
  static RuntimeException toException(Response response) {
    String reason = null;
    String message = "Google answered HTTP " + response.getStatus();
    try {
      if (response.hasEntity()) {
        JsonNode error = JSON.readTree(response.readEntity(String.class)).path("error");
        reason = error.path("errors").path(0).path("reason").asText(null);
        String text = error.path("message").asText(null);
        message = text == null ? message : message + ": " + text;
      }
    } catch (Exception ignored) {
      // not Google's JSON error document: the status says enough
    }
    return new GoogleApiException(
        response.getStatus(), reason, retryAfter(response.getHeaderString("Retry-After")), message);
  }

  private static Duration retryAfter(String header) {
    if (header == null || !header.trim().matches("\\d{1,6}")) {
      return null;
    }
    return Duration.ofSeconds(Long.parseLong(header.trim()));
  }
}
