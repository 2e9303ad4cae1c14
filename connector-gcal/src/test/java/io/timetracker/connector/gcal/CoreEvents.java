package io.timetracker.connector.gcal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.TimeEntryEvent;
import io.timetracker.testsupport.InProcessKafkaResource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes the core's time-entry events to the in-process broker the way its relay does. */
public final class CoreEvents {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private CoreEvents() {}

  /** Sends one event (CloudEvents binary mode, key = user id); its ce_id. */
  public static String publish(String type, TimeEntryEvent payload) {
    String id = UUID.randomUUID().toString();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessKafkaResource.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              "tt.time-entries.v1",
              Long.toString(payload.userId()),
              JSON.writeValueAsBytes(payload));
      header(record, CloudEventHeaders.ID, id);
      header(record, CloudEventHeaders.TYPE, type);
      header(record, CloudEventHeaders.SOURCE, "/timer-service");
      header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
      header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
      producer.send(record).get();
      return id;
    } catch (Exception e) {
      throw new IllegalStateException("could not publish", e);
    }
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
