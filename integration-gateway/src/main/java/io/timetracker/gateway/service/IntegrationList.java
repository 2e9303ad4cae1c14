package io.timetracker.gateway.service;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/integrations}: every connector, in page order.
 *
 * @param ok always true: a connector that is down is a card marked unavailable, not an error
 * @param connectors one card per connector
 */
@Schema(description = "Every connector with the signed-in person's status")
public record IntegrationList(boolean ok, List<ConnectorCard> connectors) {}
