package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.tools.HangUpTool;
import dev.switchboard.bridge.tools.Tool;
import dev.switchboard.bridge.tools.TransferTool;
import dev.switchboard.bridge.tools.WebhookTool;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.transcoding.AudioFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates a {@link Flow} into the {@link CallConfig} of one call. Stateless. */
public final class CallConfigs {

  private final HttpClient http;
  private final Map<String, String> env;

  /**
   * @param env where tools' {@code authHeaderEnv} secrets are read
   */
  public CallConfigs(HttpClient http, Map<String, String> env) {
    this.http = http;
    this.env = env;
  }

  /**
   * @param ownPacer the transport paces playout itself (SIP/RTP) rather than echoing marks
   */
  public CallConfig forCall(Flow flow, Capabilities caps, boolean ownPacer) {
    AudioFormat format = preferred(caps);
    SessionConfig session =
        new SessionConfig(
            flow.model(),
            flow.instructions(),
            flow.voice(),
            format,
            format,
            flow.turnDetection(),
            null,
            null,
            flow.language(),
            null);
    return new CallConfig(
        session,
        flow.greeting(),
        flow.bargeIn(),
        flow.maxDuration(),
        flow.dtmf().isEmpty() ? CallConfig.DtmfMode.MODEL_TEXT : CallConfig.DtmfMode.HANDLER,
        ownPacer ? CallConfig.PlaybackClock.OWN_PACER : CallConfig.PlaybackClock.MARK_ECHOES,
        null,
        null,
        null,
        tools(flow));
  }

  /** 24 kHz PCM when the backend takes it (no extra μ-law round trip), else what it offers. */
  static AudioFormat preferred(Capabilities caps) {
    for (AudioFormat f :
        List.of(
            AudioFormat.PCM16_24K,
            AudioFormat.PCM16_16K,
            AudioFormat.PCM16_8K,
            AudioFormat.PCMU_8K)) {
      if (caps.acceptsInput(f) && caps.producesOutput(f)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "backend offers no common audio format: in "
            + caps.inputFormats()
            + ", out "
            + caps.outputFormats());
  }

  List<Tool> tools(Flow flow) {
    List<Tool> tools = new ArrayList<>();
    tools.add(new HangUpTool());
    if (!flow.transfers().isEmpty()) {
      tools.add(new TransferTool(flow.transfers()));
    }
    for (Flow.WebhookSpec w : flow.tools()) {
      Map<String, String> headers =
          w.authHeaderEnv() == null || env.get(w.authHeaderEnv()) == null
              ? Map.of()
              : Map.of("Authorization", env.get(w.authHeaderEnv()));
      tools.add(
          new WebhookTool(
              new ToolDefinition(w.name(), w.description(), w.parametersJsonSchema()),
              URI.create(w.url()),
              w.timeout(),
              headers,
              http));
    }
    return tools;
  }
}
