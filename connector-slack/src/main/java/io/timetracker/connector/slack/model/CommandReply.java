package io.timetracker.connector.slack.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a slash command, shown only to the person who ran it.
 *
 * @param responseType always {@code ephemeral}
 * @param text Slack mrkdwn
 */
@Schema(name = "SlackCommandReply")
public record CommandReply(@JsonProperty("response_type") String responseType, String text) {

  /** A reply only the invoking person sees. */
  public static CommandReply ephemeral(String text) {
    return new CommandReply("ephemeral", text);
  }
}
