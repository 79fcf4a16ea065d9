package dev.switchboard.twilio.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.io.IOException;
import java.util.Base64;

/**
 * Reads the message Twilio sends 50 times a second per call, {@code media}, with Jackson's
 * streaming parser instead of a JSON tree. Only for text that starts with {@code "event":"media"}
 * (as Twilio sends it); anything unusual (a non-string track, a number that does not parse, bad
 * base64, an empty or oversized payload, trailing text) returns {@code null} so {@link
 * StreamCodec#parse} takes the general path and reports the problem as before. Stateless and
 * thread-safe.
 */
final class MediaHotPath {

  static final String PREFIX = "{\"event\":\"media\"";
  private static final JsonFactory FACTORY = new JsonFactory();

  private MediaHotPath() {}

  static StreamMessage.Media parse(String text) {
    String sid = null;
    long sequence = 0;
    String track = "inbound";
    long chunk = 0;
    long timestampMillis = -1;
    String payload = null;
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "event" -> {
            if (v != JsonToken.VALUE_STRING || !p.getText().equals("media")) {
              return null;
            }
          }
          case "streamSid" -> sid = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "sequenceNumber" -> {
            if (v != JsonToken.VALUE_NULL) {
              sequence = number(p, v);
            }
          }
          case "media" -> {
            if (v != JsonToken.START_OBJECT) {
              return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              JsonToken f = p.nextToken();
              switch (field) {
                case "track" -> {
                  if (f != JsonToken.VALUE_STRING) {
                    return null;
                  }
                  track = p.getText();
                }
                case "chunk" -> {
                  if (f != JsonToken.VALUE_NULL) {
                    chunk = number(p, f);
                  }
                }
                case "timestamp" -> {
                  if (f != JsonToken.VALUE_NULL) {
                    timestampMillis = number(p, f);
                  }
                }
                case "payload" -> {
                  if (f != JsonToken.VALUE_STRING) {
                    return null;
                  }
                  payload = p.getText();
                }
                default -> p.skipChildren();
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
    } catch (IOException | NumberFormatException e) {
      return null;
    }
    if (payload == null || payload.length() > (StreamCodec.MAX_PAYLOAD_BYTES + 2) / 3 * 4) {
      return null;
    }
    byte[] audio;
    try {
      audio = Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (audio.length == 0) {
      return null;
    }
    return new StreamMessage.Media(
        sequence, sid, track, chunk, timestampMillis, EncodedFrame.of(AudioFormat.PCMU_8K, audio));
  }

  /** Twilio sends numbers as strings; both accepted, as in the general path. */
  private static long number(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_STRING -> Long.parseLong(p.getText());
      default -> throw new NumberFormatException("not a number: " + v);
    };
  }
}
