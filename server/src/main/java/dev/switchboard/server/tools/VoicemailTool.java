package dev.switchboard.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.tools.Tool;
import dev.switchboard.bridge.tools.ToolContext;
import dev.switchboard.bridge.tools.ToolJson;
import dev.switchboard.bridge.transport.CallInfo;
import java.util.concurrent.CompletableFuture;

/**
 * {@code record_voicemail}: the offline IVR's voicemail step calls it twice, {@code
 * {"action":"start","mailbox":"general","max_seconds":120}} once the prompt and beep are queued,
 * then {@code {"action":"stop","mailbox":"general","audio_start_ms":..,"audio_end_ms":..,
 * "speech":true}} with the span of caller audio that is the message (milliseconds of caller audio
 * the backend received, the same clock as OpenAI's {@code audio_start_ms}). The span goes to a
 * {@link Mailbox}; the flow itself speaks the confirmation. Always answers {@code ok}, so a missing
 * recorder never strands the caller. Stateless.
 */
public final class VoicemailTool implements Tool {

  public static final String NAME = "record_voicemail";

  /** Where voicemail spans go (the recordings module's recorder, or a log line). */
  public interface Mailbox {
    void started(CallInfo call, String mailbox, int maxSeconds);

    void stopped(CallInfo call, String mailbox, long audioStartMs, long audioEndMs, boolean speech);
  }

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          NAME,
          "Start or stop recording the caller's voicemail message.",
          "{\"type\":\"object\",\"properties\":{\"action\":{\"type\":\"string\",\"enum\":"
              + "[\"start\",\"stop\"]},\"mailbox\":{\"type\":\"string\"}},"
              + "\"required\":[\"action\"]}");

  private final Mailbox mailbox;

  public VoicemailTool(Mailbox mailbox) {
    this.mailbox = mailbox;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public CompletableFuture<String> invoke(String argumentsJson, ToolContext context) {
    JsonNode args = ToolJson.parseObject(argumentsJson);
    String action = args.path("action").asText("");
    String box = args.path("mailbox").asText("default");
    switch (action) {
      case "start" -> mailbox.started(context.call(), box, args.path("max_seconds").asInt(60));
      case "stop" ->
          mailbox.stopped(
              context.call(),
              box,
              args.path("audio_start_ms").asLong(0),
              args.path("audio_end_ms").asLong(0),
              args.path("speech").asBoolean(false));
      default -> {
        return CompletableFuture.completedFuture(
            ToolJson.error("action must be start or stop, was '" + action + "'"));
      }
    }
    return CompletableFuture.completedFuture(ToolJson.ok("mailbox", box));
  }
}
