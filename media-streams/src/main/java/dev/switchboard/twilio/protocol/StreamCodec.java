package dev.switchboard.twilio.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.twilio.protocol.ProtocolException.Problem;
import dev.switchboard.twilio.protocol.StreamMessage.Clear;
import dev.switchboard.twilio.protocol.StreamMessage.Connected;
import dev.switchboard.twilio.protocol.StreamMessage.Dtmf;
import dev.switchboard.twilio.protocol.StreamMessage.Mark;
import dev.switchboard.twilio.protocol.StreamMessage.Media;
import dev.switchboard.twilio.protocol.StreamMessage.MediaFormat;
import dev.switchboard.twilio.protocol.StreamMessage.PlayMedia;
import dev.switchboard.twilio.protocol.StreamMessage.Start;
import dev.switchboard.twilio.protocol.StreamMessage.Stop;
import dev.switchboard.twilio.protocol.StreamMessage.Unknown;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one parse/encode pair of the Media Streams protocol ("Media Streams - WebSocket Messages").
 * Twilio sends {@code sequenceNumber}, {@code chunk} and {@code timestamp} as JSON strings; numbers
 * are accepted too. Stateless and thread-safe.
 */
public final class StreamCodec {

  /** Longest text message accepted: a 200 ms payload in base64 plus envelope fits easily. */
  public static final int MAX_MESSAGE_CHARS = 16 * 1024;

  /** Longest media payload accepted (200 ms of μ-law); Twilio sends 160 bytes (20 ms). */
  public static final int MAX_PAYLOAD_BYTES = 1600;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamCodec() {}

  /**
   * Parses one text message.
   *
   * @throws ProtocolException naming the problem; unknown events are not errors ({@link Unknown})
   */
  public static StreamMessage parse(String text) throws ProtocolException {
    if (text.length() > MAX_MESSAGE_CHARS) {
      throw new ProtocolException(
          Problem.OVERSIZED, "message of " + text.length() + " chars exceeds " + MAX_MESSAGE_CHARS);
    }
    if (text.startsWith(MediaHotPath.PREFIX)) {
      Media fast = MediaHotPath.parse(text);
      if (fast != null) {
        return fast;
      }
    }
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(
          Problem.MALFORMED_JSON, "malformed JSON at " + e.getLocation().toString());
    }
    if (n == null || !n.isObject()) {
      throw new ProtocolException(Problem.MALFORMED_JSON, "message is not a JSON object");
    }
    String event = n.path("event").asText("");
    String sid = n.path("streamSid").isTextual() ? n.path("streamSid").asText() : null;
    return switch (event) {
      case "connected" ->
          new Connected(n.path("protocol").asText(""), n.path("version").asText(""));
      case "start" -> start(n, sid);
      case "media" -> media(n, sid);
      case "dtmf" -> dtmf(n, sid);
      case "mark" ->
          new Mark(number(n, "sequenceNumber", 0), sid, text(n.path("mark"), "mark.name"));
      case "stop" ->
          new Stop(
              number(n, "sequenceNumber", 0),
              sid,
              n.path("stop").path("accountSid").asText(""),
              n.path("stop").path("callSid").asText(""));
      case "clear" -> new Clear(sid);
      default -> new Unknown(event, sid);
    };
  }

  private static Start start(JsonNode n, String sid) throws ProtocolException {
    JsonNode s = n.path("start");
    List<String> tracks = new ArrayList<>();
    s.path("tracks").forEach(t -> tracks.add(t.asText()));
    Map<String, String> params = new LinkedHashMap<>();
    s.path("customParameters")
        .properties()
        .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
    JsonNode f = s.path("mediaFormat");
    MediaFormat format =
        new MediaFormat(
            f.path("encoding").asText(""),
            (int) number(f, "sampleRate", 0),
            (int) number(f, "channels", 0));
    if (!format.isMulaw8kMono()) {
      throw new ProtocolException(
          Problem.BAD_MEDIA_FORMAT,
          "start mediaFormat " + format + " is not " + MediaFormat.MULAW_8K.encoding() + "/8000/1");
    }
    String streamSid = sid != null ? sid : s.path("streamSid").asText(null);
    if (streamSid == null) {
      throw new ProtocolException(Problem.MISSING_FIELD, "start without streamSid");
    }
    return new Start(
        number(n, "sequenceNumber", 0),
        streamSid,
        s.path("accountSid").asText(""),
        text(s, "start.callSid"),
        tracks,
        params,
        format);
  }

  private static Media media(JsonNode n, String sid) throws ProtocolException {
    JsonNode m = n.path("media");
    String b64 = text(m, "media.payload");
    // base64 inflates by 4/3: reject before decoding anything huge.
    if (b64.length() > (MAX_PAYLOAD_BYTES + 2) / 3 * 4) {
      throw new ProtocolException(
          Problem.OVERSIZED,
          "media payload of " + b64.length() + " base64 chars exceeds " + MAX_PAYLOAD_BYTES + " B");
    }
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          Problem.BAD_BASE64, "media payload is not base64: " + e.getMessage());
    }
    if (payload.length == 0) {
      throw new ProtocolException(Problem.WRONG_LENGTH, "empty media payload");
    }
    return new Media(
        number(n, "sequenceNumber", 0),
        sid,
        m.path("track").asText("inbound"),
        number(m, "chunk", 0),
        number(m, "timestamp", -1),
        EncodedFrame.of(AudioFormat.PCMU_8K, payload));
  }

  private static Dtmf dtmf(JsonNode n, String sid) throws ProtocolException {
    JsonNode d = n.path("dtmf");
    String digit = text(d, "dtmf.digit");
    if (digit.length() != 1 || "0123456789*#ABCD".indexOf(digit.charAt(0)) < 0) {
      throw new ProtocolException(Problem.BAD_NUMBER, "dtmf digit '" + digit + "' is not a key");
    }
    return new Dtmf(
        number(n, "sequenceNumber", 0), sid, d.path("track").asText(""), digit.charAt(0));
  }

  private static String text(JsonNode parent, String path) throws ProtocolException {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = parent.path(field);
    if (!v.isTextual()) {
      throw new ProtocolException(Problem.MISSING_FIELD, "missing string field " + path);
    }
    return v.asText();
  }

  /** Numeric fields arrive as strings ("Media Streams - WebSocket Messages"); both accepted. */
  private static long number(JsonNode parent, String field, long absent) throws ProtocolException {
    JsonNode v = parent.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return absent;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText());
    } catch (NumberFormatException e) {
      throw new ProtocolException(
          Problem.BAD_NUMBER,
          "field " + field + " is not a number: '" + abbreviate(v.asText()) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }

  /** Encodes any message as Twilio would send or accept it. */
  public static String encode(StreamMessage message) {
    StringBuilder b = new StringBuilder(256);
    switch (message) {
      case PlayMedia p -> {
        b.append("{\"event\":\"media\",\"streamSid\":");
        quote(b, p.streamSid());
        b.append(",\"media\":{\"payload\":\"")
            .append(Base64.getEncoder().encodeToString(p.audio().payload()))
            .append("\"}}");
      }
      case Mark m -> {
        b.append("{\"event\":\"mark\",");
        if (m.sequenceNumber() > 0) {
          b.append("\"sequenceNumber\":\"").append(m.sequenceNumber()).append("\",");
        }
        b.append("\"streamSid\":");
        quote(b, m.streamSid());
        b.append(",\"mark\":{\"name\":");
        quote(b, m.name());
        b.append("}}");
      }
      case Clear c -> {
        b.append("{\"event\":\"clear\",\"streamSid\":");
        quote(b, c.streamSid());
        b.append('}');
      }
      case Connected c -> {
        b.append("{\"event\":\"connected\",\"protocol\":");
        quote(b, c.protocol());
        b.append(",\"version\":");
        quote(b, c.version());
        b.append('}');
      }
      case Start s -> b.append(encodeStart(s));
      case Media m -> {
        b.append("{\"event\":\"media\",\"sequenceNumber\":\"")
            .append(m.sequenceNumber())
            .append("\",\"media\":{\"track\":");
        quote(b, m.track());
        b.append(",\"chunk\":\"").append(m.chunk());
        b.append("\",\"timestamp\":\"").append(m.timestampMillis());
        b.append("\",\"payload\":\"")
            .append(Base64.getEncoder().encodeToString(m.audio().payload()))
            .append("\"},\"streamSid\":");
        quote(b, m.streamSid());
        b.append('}');
      }
      case Dtmf d -> {
        b.append("{\"event\":\"dtmf\",\"streamSid\":");
        quote(b, d.streamSid());
        b.append(",\"sequenceNumber\":\"").append(d.sequenceNumber());
        b.append("\",\"dtmf\":{\"track\":");
        quote(b, d.track());
        b.append(",\"digit\":\"").append(d.digit()).append("\"}}");
      }
      case Stop s -> {
        b.append("{\"event\":\"stop\",\"sequenceNumber\":\"").append(s.sequenceNumber());
        b.append("\",\"streamSid\":");
        quote(b, s.streamSid());
        b.append(",\"stop\":{\"accountSid\":");
        quote(b, s.accountSid());
        b.append(",\"callSid\":");
        quote(b, s.callSid());
        b.append("}}");
      }
      case Unknown u -> {
        b.append("{\"event\":");
        quote(b, u.event());
        b.append(",\"streamSid\":");
        quote(b, u.streamSid());
        b.append('}');
      }
    }
    return b.toString();
  }

  private static String encodeStart(Start s) {
    var root = JSON.createObjectNode();
    root.put("event", "start").put("sequenceNumber", String.valueOf(s.sequenceNumber()));
    var start = root.putObject("start");
    start.put("accountSid", s.accountSid()).put("streamSid", s.streamSid());
    start.put("callSid", s.callSid());
    var tracks = start.putArray("tracks");
    s.tracks().forEach(tracks::add);
    var params = start.putObject("customParameters");
    s.customParameters().forEach(params::put);
    start
        .putObject("mediaFormat")
        .put("encoding", s.mediaFormat().encoding())
        .put("sampleRate", s.mediaFormat().sampleRateHz())
        .put("channels", s.mediaFormat().channels());
    root.put("streamSid", s.streamSid());
    return root.toString();
  }

  /** Appends a JSON string literal (RFC 8259 section 7), or {@code null}. */
  static void quote(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
