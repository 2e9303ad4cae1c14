package io.timetracker.connector.slack.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code chat.postMessage}: Block Kit blocks and the plain-text fallback Slack shows in
 * notifications and to clients without blocks.
 *
 * @param channel channel id or {@code #name}
 * @param text fallback text
 * @param blocks the message's blocks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostMessage(String channel, String text, List<Block> blocks) {}
