package io.timetracker.connector.slack.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The Block Kit blocks the connector posts (Slack's names: {@code section}, {@code context}). */
public sealed interface Block {

  /** Block Kit's {@code type}. */
  @JsonProperty("type")
  String type();

  /** A {@code section} with mrkdwn text and optional two-column fields. */
  static Block section(String mrkdwn, List<String> fields) {
    return new Section(
        Text.mrkdwn(mrkdwn), fields.isEmpty() ? null : fields.stream().map(Text::mrkdwn).toList());
  }

  /** A {@code context} line in small print. */
  static Block context(String mrkdwn) {
    return new Context(List.of(Text.mrkdwn(mrkdwn)));
  }

  /**
   * A {@code section} block.
   *
   * @param text main text
   * @param fields up to ten short fields, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Section(Text text, List<Text> fields) implements Block {
    @Override
    public String type() {
      return "section";
    }
  }

  /**
   * A {@code context} block.
   *
   * @param elements its texts
   */
  record Context(List<Text> elements) implements Block {
    @Override
    public String type() {
      return "context";
    }
  }

  /**
   * A Block Kit text object.
   *
   * @param type {@code mrkdwn} or {@code plain_text}
   * @param text the text
   */
  record Text(String type, String text) {
    /** Markdown-formatted text. */
    public static Text mrkdwn(String text) {
      return new Text("mrkdwn", text);
    }
  }
}
