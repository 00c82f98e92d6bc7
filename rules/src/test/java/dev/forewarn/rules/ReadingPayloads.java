package dev.forewarn.rules;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Telemetry payloads for the codec tests, built as trees so each test changes one field. */
public final class ReadingPayloads {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ReadingPayloads() {}

  /** The contract's example reading. */
  public static ObjectNode contractExample() {
    ObjectNode payload = MAPPER.createObjectNode();
    payload.put("ts", "2026-11-22T10:00:00Z");
    payload.put("seq", 1042);
    payload.put("model", "AC-200");
    payload.putObject("metrics").put("compressor_temp_c", 71.3);
    return payload;
  }

  public static ObjectNode metrics(ObjectNode payload) {
    return (ObjectNode) payload.get("metrics");
  }

  public static byte[] bytes(ObjectNode payload) {
    return bytes(payload.toString());
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
