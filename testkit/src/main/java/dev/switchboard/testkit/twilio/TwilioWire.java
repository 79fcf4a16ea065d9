package dev.switchboard.testkit.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The messages Twilio sends on a bidirectional Media Stream, as raw JSON shaped like the examples
 * of Twilio's "Media Streams - WebSocket Messages" (numeric fields as strings). Stateless.
 */
final class TwilioWire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TwilioWire() {}

  static String connected() {
    return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
  }

  static String start(
      long sequence,
      String accountSid,
      String streamSid,
      String callSid,
      Map<String, String> customParameters) {
    ObjectNode start = JSON.createObjectNode().put("event", "start");
    start.put("sequenceNumber", String.valueOf(sequence));
    ObjectNode s = start.putObject("start");
    s.put("accountSid", accountSid).put("streamSid", streamSid).put("callSid", callSid);
    s.putArray("tracks").add("inbound");
    ObjectNode params = s.putObject("customParameters");
    customParameters.forEach(params::put);
    s.putObject("mediaFormat")
        .put("encoding", "audio/x-mulaw")
        .put("sampleRate", 8000)
        .put("channels", 1);
    start.put("streamSid", streamSid);
    return start.toString();
  }

  static String media(
      long sequence, long chunk, long timestampMillis, String payloadBase64, String streamSid) {
    return "{\"event\":\"media\",\"sequenceNumber\":\""
        + sequence
        + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\""
        + chunk
        + "\",\"timestamp\":\""
        + timestampMillis
        + "\",\"payload\":\""
        + payloadBase64
        + "\"},\"streamSid\":\""
        + streamSid
        + "\"}";
  }

  static String dtmf(long sequence, char digit, String streamSid) {
    return "{\"event\":\"dtmf\",\"streamSid\":\""
        + streamSid
        + "\",\"sequenceNumber\":\""
        + sequence
        + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\""
        + digit
        + "\"}}";
  }

  static String mark(long sequence, String name, String streamSid) {
    return "{\"event\":\"mark\",\"sequenceNumber\":\""
        + sequence
        + "\",\"streamSid\":\""
        + streamSid
        + "\",\"mark\":{\"name\":"
        + JSON.valueToTree(name)
        + "}}";
  }

  static String stop(long sequence, String accountSid, String callSid, String streamSid) {
    return "{\"event\":\"stop\",\"sequenceNumber\":\""
        + sequence
        + "\",\"streamSid\":\""
        + streamSid
        + "\",\"stop\":{\"accountSid\":\""
        + accountSid
        + "\",\"callSid\":\""
        + callSid
        + "\"}}";
  }
}
