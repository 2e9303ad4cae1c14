package io.timetracker.contracts.event;

/**
 * Kafka header names of the CloudEvents 1.0 binary mode envelope (Kafka protocol binding) plus the
 * W3C trace context header. Header values are UTF-8 strings.
 */
public final class CloudEventHeaders {
  /** Unique event id; consumers deduplicate on it and replays keep it. */
  public static final String ID = "ce_id";

  /** Versioned type, e.g. {@code timetracker.time-entry.started.v1}. */
  public static final String TYPE = "ce_type";

  /** Producer, a URI reference such as {@code /timer-service}. */
  public static final String SOURCE = "ce_source";

  /** Always {@code 1.0}. */
  public static final String SPEC_VERSION = "ce_specversion";

  /** The aggregate the event is about, e.g. {@code time-entries/42} or {@code tasks/7}. */
  public static final String SUBJECT = "ce_subject";

  /** When the change committed, RFC 3339 in UTC. */
  public static final String TIME = "ce_time";

  /** Media type of the value: {@code application/json}. */
  public static final String CONTENT_TYPE = "content-type";

  /** W3C trace context of the request that caused the event. */
  public static final String TRACEPARENT = "traceparent";

  /** The CloudEvents version this suite speaks. */
  public static final String SPEC_VERSION_1_0 = "1.0";

  private CloudEventHeaders() {}
}
