package dev.switchboard.server.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates one flow file. Collects every problem (file, dotted key, value, what is
 * allowed) before failing; unknown keys are problems. Stateless and thread-safe.
 */
public final class FlowParser {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final Pattern RANGE = Pattern.compile("(\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)");
  private static final String[] ACTIONS = {
    "transfer", "message", "hangup", "voicemail", "ivr", "apology_hangup"
  };

  private FlowParser() {}

  /**
   * Parses YAML text.
   *
   * @param fileName for messages; its stem is the default flow name
   */
  public static Flow parse(String fileName, String yamlText) throws InvalidFlowException {
    Object tree;
    try {
      tree = YAML.readValue(yamlText, Object.class);
    } catch (JsonProcessingException e) {
      String m = String.valueOf(e.getOriginalMessage());
      throw new InvalidFlowException(
          List.of(fileName + ": not valid YAML: " + m.lines().findFirst().orElse(m)));
    }
    if (!(tree instanceof Map<?, ?>)) {
      throw new InvalidFlowException(List.of(fileName + ": a flow must be a YAML mapping of keys"));
    }
    List<String> problems = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) tree;
    Flow flow =
        parse(fileName, new YamlNode(fileName, "", map, problems), version(yamlText), problems);
    if (!problems.isEmpty()) {
      throw new InvalidFlowException(problems);
    }
    return flow;
  }

  private static Flow parse(String file, YamlNode n, String version, List<String> problems) {
    String stem = file.replaceFirst("\\.ya?ml$", "");
    String name = n.string("name", stem);
    if (!NAME.matcher(name).matches()) {
      n.problem("name", name, "lower-case letters, digits, '-' or '_' (at most 64)");
    }
    YamlNode answers = n.child("answers");
    Flow.Answers ans =
        new Flow.Answers(
            answers.strings("numbers"),
            answers.strings("sipUsers"),
            answers.bool("default", false));
    answers.finish("numbers", "sipUsers", "default");
    if (ans.numbers().isEmpty() && ans.sipUsers().isEmpty() && !ans.catchAll()) {
      problems.add(file + ": 'answers' must list numbers or sipUsers, or set default: true");
    }
    for (String num : ans.numbers()) {
      if (!num.matches("\\+[1-9]\\d{1,14}")) {
        answers.problem("numbers", num, "E.164 numbers such as +15551234567 (ITU-T E.164)");
      }
    }
    YamlNode backend = n.child("backend");
    String backendType = backend.oneOf("type", "auto", "auto", "openai", "local");
    String model = backend.string("model", null);
    backend.finish("type", "model");
    String instructions = n.string("instructions", "");
    String voice = n.string("voice", null);
    YamlNode greeting = n.child("greeting");
    String mode = greeting.oneOf("mode", "agent_first", "agent_first", "wait");
    String greet =
        greeting.string("instructions", "Greet the caller briefly and ask how you can help.");
    greeting.finish("mode", "instructions");
    String language = n.string("language", null);
    TurnDetection turns = turnDetection(n.child("turnDetection"));
    YamlNode bi = n.child("bargeIn");
    BargeInPolicy bargeIn = bargeIn(bi);
    boolean duringGreeting = bi.oneOf("duringGreeting", "allow", "allow", "deny").equals("allow");
    bi.finish(
        "enabled", "minSpeech", "ignoreBackchannels", "backchannelMaxDuration", "duringGreeting");
    Map<String, String> transfers = new LinkedHashMap<>();
    YamlNode tr = n.child("transfers");
    for (String k : tr.keys()) {
      String target = tr.string(k, "");
      if (!target.matches("(sips?:|tel:)\\S+|\\+[1-9]\\d{1,14}")) {
        tr.problem(k, target, "a sip:, sips:, tel: URI or an E.164 number");
      }
      transfers.put(k, target);
    }
    String transferMode = n.oneOf("transferMode", "refer", "refer", "bridge", "refer_then_bridge");
    List<Flow.WebhookSpec> tools = new ArrayList<>();
    for (YamlNode t : n.children("tools")) {
      tools.add(tool(t));
    }
    Map<Character, FlowAction> dtmf = dtmf(n.child("dtmf"), transfers);
    YamlNode rec = n.child("recording");
    Flow.Recording recording =
        new Flow.Recording(
            rec.bool("enabled", true),
            rec.oneOf("format", "wav", "wav", "opus"),
            rec.duration("retention", Duration.ofDays(30)),
            rec.oneOf("pci", "none", "none", "pause_on_dtmf", "redact_transcript"));
    rec.finish("enabled", "format", "retention", "pci");
    Duration maxDuration = n.duration("maxDuration", Duration.ofMinutes(30));
    if (!maxDuration.isPositive()) {
      n.problem("maxDuration", n.rawValue("maxDuration"), "a positive duration");
    }
    Flow.BusinessHours hours =
        n.has("businessHours") ? hours(n.child("businessHours"), transfers) : null;
    FlowAction fallback =
        n.has("fallback")
            ? action(n.child("fallback"), transfers, ACTIONS)
            : new FlowAction(
                FlowAction.Kind.APOLOGY_HANGUP,
                null,
                "Sorry, we cannot take your call right now. Please try again later.");
    Map<String, Object> ivr = n.raw("ivr");
    if (fallback.kind() == FlowAction.Kind.IVR && ivr == null) {
      problems.add(file + ": 'fallback.action' = 'ivr' needs an 'ivr' section with the IVR steps");
    }
    if (ivr != null) {
      try {
        IvrSteps.parse(name, ivr);
      } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
        // The offline backend's own checks, so a broken IVR is refused at load, not mid-call.
        String hint =
            String.valueOf(e.getMessage()).contains("Boolean")
                ? " (YAML reads unquoted yes, no, on and off as true or false: quote them)"
                : "";
        problems.add(file + ": ivr: " + e.getMessage() + hint);
      }
    }
    n.finish(
        "name",
        "answers",
        "backend",
        "instructions",
        "voice",
        "greeting",
        "language",
        "turnDetection",
        "bargeIn",
        "tools",
        "transfers",
        "transferMode",
        "dtmf",
        "recording",
        "maxDuration",
        "businessHours",
        "fallback",
        "ivr");
    return new Flow(
        name,
        version,
        ans,
        backendType,
        model,
        instructions,
        voice,
        mode.equals("wait") ? null : greet,
        language,
        turns,
        bargeIn,
        duringGreeting,
        tools,
        transfers,
        transferMode,
        dtmf,
        recording,
        maxDuration,
        hours,
        fallback,
        ivr);
  }

  private static TurnDetection turnDetection(YamlNode t) {
    String type = t.oneOf("type", "server_vad", "server_vad", "semantic_vad", "local_vad");
    TurnDetection result =
        switch (type) {
          case "semantic_vad" ->
              new TurnDetection.SemanticVad(
                  t.oneOf("eagerness", "auto", "low", "medium", "high", "auto"), true, true);
          case "local_vad" -> new TurnDetection.None();
          default -> {
            TurnDetection.ServerVad d = TurnDetection.ServerVad.defaults();
            yield new TurnDetection.ServerVad(
                t.number("threshold", d.threshold(), 0, 1),
                (int)
                    t.duration("prefixPadding", Duration.ofMillis(d.prefixPaddingMs())).toMillis(),
                (int) t.duration("silence", Duration.ofMillis(d.silenceDurationMs())).toMillis(),
                d.idleTimeoutMs(),
                true,
                true);
          }
        };
    t.finish(
        "type", type.equals("semantic_vad") ? "eagerness" : "threshold, prefixPadding, silence");
    return result;
  }

  private static BargeInPolicy bargeIn(YamlNode b) {
    BargeInPolicy d = BargeInPolicy.defaults();
    Duration minSpeech = b.duration("minSpeech", d.minSpeech());
    Duration backchannelMax = b.duration("backchannelMaxDuration", d.backchannelMaxDuration());
    if (backchannelMax.compareTo(minSpeech) < 0) {
      b.problem("backchannelMaxDuration", backchannelMax, "at least minSpeech (" + minSpeech + ")");
      backchannelMax = minSpeech;
    }
    return new BargeInPolicy(
        b.bool("enabled", d.enabled()),
        minSpeech,
        d.minEnergyDbfs(),
        b.bool("ignoreBackchannels", d.ignoreBackchannels()),
        d.backchannelMaxEnergyDbfs(),
        backchannelMax,
        d.resumeAfterSilence(),
        d.clearOnPause(),
        d.echoCancellation(),
        d.echoMarginDb(),
        d.useBackendSpeechStarted());
  }

  private static Flow.WebhookSpec tool(YamlNode t) {
    String name = t.requiredString("name", "the function name the model calls");
    if (name != null && !TOOL_NAME.matcher(name).matches()) {
      t.problem("name", name, "letters, digits, '_' or '-' (at most 64)");
    }
    String url = t.requiredString("url", "the webhook's http(s) URL");
    if (url != null && !url.matches("https?://\\S+")) {
      t.problem("url", url, "an http:// or https:// URL");
    }
    Map<String, Object> params = t.raw("parameters");
    String schema = "{\"type\":\"object\",\"properties\":{}}";
    if (params != null) {
      if (!"object".equals(params.get("type"))) {
        t.problem("parameters.type", params.get("type"), "object (a JSON Schema object)");
      }
      try {
        schema = JSON.writeValueAsString(params);
      } catch (JsonProcessingException e) {
        t.problem("parameters", params, "a JSON Schema");
      }
    }
    Flow.WebhookSpec spec =
        new Flow.WebhookSpec(
            name,
            t.string("description", ""),
            url,
            schema,
            t.duration("timeout", Duration.ofSeconds(5)),
            t.string("authHeaderEnv", null));
    t.finish("name", "description", "url", "parameters", "timeout", "authHeaderEnv");
    return spec;
  }

  private static Map<Character, FlowAction> dtmf(YamlNode d, Map<String, String> transfers) {
    Map<Character, FlowAction> out = new LinkedHashMap<>();
    for (String k : d.keys()) {
      if (!k.matches("[0-9*#A-D]")) {
        d.problem(k, k, "one DTMF digit: 0-9, *, #, A-D (RFC 4733 §3.2)");
        continue;
      }
      Object v = d.rawValue(k);
      if (v instanceof String text) {
        out.put(k.charAt(0), new FlowAction(FlowAction.Kind.TEXT, null, text));
      } else {
        out.put(k.charAt(0), action(d.child(k), transfers, "transfer", "hangup", "text"));
      }
    }
    return out;
  }

  private static FlowAction action(YamlNode a, Map<String, String> transfers, String... allowed) {
    String kind = a.oneOf("action", null, allowed);
    String target = a.string("target", null);
    String text = a.string(kind != null && kind.equals("text") ? "text" : "message", null);
    if (kind == null) {
      if (!a.has("action")) {
        a.missing("action", "one of " + String.join(", ", allowed));
      }
      kind = "hangup";
    }
    if (kind.equals("transfer") && (target == null || !transfers.containsKey(target))) {
      a.problem("target", target, "a name from 'transfers' " + transfers.keySet());
    }
    if ((kind.equals("message") || kind.equals("text")) && (text == null || text.isBlank())) {
      a.missing(kind.equals("text") ? "text" : "message", "what to say");
    }
    a.finish("action", "target", kind.equals("text") ? "text" : "message");
    return new FlowAction(
        FlowAction.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), target, text);
  }

  private static Flow.BusinessHours hours(YamlNode h, Map<String, String> transfers) {
    String zone = h.string("timezone", "UTC");
    ZoneId zoneId = ZoneId.of("UTC");
    try {
      zoneId = ZoneId.of(zone);
    } catch (RuntimeException e) {
      h.problem("timezone", zone, "an IANA time zone such as Europe/Paris");
    }
    Map<DayOfWeek, List<Flow.TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    YamlNode open = h.child("open");
    for (String day : open.keys()) {
      DayOfWeek dow = day(day);
      if (dow == null) {
        open.problem(day, day, "a day: mon, tue, wed, thu, fri, sat, sun");
        continue;
      }
      for (String range : open.strings(day)) {
        var m = RANGE.matcher(range.trim());
        try {
          if (!m.matches()) {
            throw new DateTimeParseException("bad range", range, 0);
          }
          LocalTime from = LocalTime.parse(m.group(1));
          LocalTime to = LocalTime.parse(m.group(2));
          if (!from.isBefore(to)) {
            throw new DateTimeParseException("empty range", range, 0);
          }
          weekly.computeIfAbsent(dow, x -> new ArrayList<>()).add(new Flow.TimeRange(from, to));
        } catch (DateTimeParseException e) {
          open.problem(day, range, "HH:mm-HH:mm with start before end, e.g. 09:00-17:30");
        }
      }
    }
    FlowAction after =
        h.has("afterHours")
            ? action(h.child("afterHours"), transfers, ACTIONS)
            : new FlowAction(
                FlowAction.Kind.MESSAGE,
                null,
                "We are closed. Please call again during opening hours.");
    h.finish("timezone", "open", "afterHours");
    return new Flow.BusinessHours(zoneId, weekly, after);
  }

  private static DayOfWeek day(String d) {
    for (DayOfWeek w : DayOfWeek.values()) {
      if (w.name().substring(0, 3).equalsIgnoreCase(d)) {
        return w;
      }
    }
    return null;
  }

  private static String version(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
