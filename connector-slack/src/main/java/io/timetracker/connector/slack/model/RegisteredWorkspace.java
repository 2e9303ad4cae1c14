package io.timetracker.connector.slack.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A registered workspace and the URLs to enter in its Slack app.
 *
 * @param teamId the workspace
 * @param commandsUrl the slash command's Request URL
 * @param eventsUrl the Events API's Request URL
 * @param signingSecretSet whether it has its own signing secret
 */
@Schema(name = "SlackWorkspace")
public record RegisteredWorkspace(
    String teamId, String commandsUrl, String eventsUrl, boolean signingSecretSet) {}
