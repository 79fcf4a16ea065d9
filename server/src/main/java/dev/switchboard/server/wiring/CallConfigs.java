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
import dev.switchboard.server.tools.HandoverTool;
import dev.switchboard.server.tools.VoicemailTool;
import dev.switchboard.transcoding.AudioFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a {@link Flow} into the {@link CallConfig} of one call. Calls on the offline backend
 * also get the tools its IVR calls ({@code record_voicemail}, {@code handover}). Stateless.
 */
public final class CallConfigs {

  private final HttpClient http;
  private final Map<String, String> env;
  private final VoicemailTool.Mailbox mailbox;

  /**
   * @param env where tools' {@code authHeaderEnv} secrets are read
   */
  public CallConfigs(HttpClient http, Map<String, String> env) {
    this(http, env, new LoggedMailbox());
  }

  /**
   * @param mailbox where the offline IVR's voicemail spans go
   */
  public CallConfigs(HttpClient http, Map<String, String> env, VoicemailTool.Mailbox mailbox) {
    this.http = http;
    this.env = env;
    this.mailbox = mailbox;
  }

  /**
   * @param ownPacer the transport paces playout itself (SIP/RTP) rather than echoing marks
   */
  public CallConfig forCall(Flow flow, Capabilities caps, boolean ownPacer) {
    return forCall(flow, "openai", caps, ownPacer, 24000);
  }

  /**
   * @param backendKind {@code openai} or {@code local} (the offline IVR's tools are added)
   * @param ownPacer the transport paces playout itself (SIP/RTP) rather than echoing marks
   * @param uplinkRateHz the transport's caller audio rate, used as is when the backend takes it
   */
  public CallConfig forCall(
      Flow flow, String backendKind, Capabilities caps, boolean ownPacer, int uplinkRateHz) {
    AudioFormat format = preferred(caps, uplinkRateHz);
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
        tools(flow, backendKind.equals("local")));
  }

  /**
   * PCM at the transport's own rate when the backend takes it (no resampling on our side: the
   * offline backend at 8 kHz), else 24 kHz PCM (no extra μ-law round trip), else what it offers.
   */
  static AudioFormat preferred(Capabilities caps, int uplinkRateHz) {
    for (AudioFormat f :
        List.of(
            AudioFormat.pcm16(uplinkRateHz),
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

  List<Tool> tools(Flow flow, boolean ivr) {
    List<Tool> tools = new ArrayList<>();
    tools.add(new HangUpTool());
    if (!flow.transfers().isEmpty()) {
      tools.add(new TransferTool(flow.transfers()));
    }
    if (ivr) {
      tools.add(new VoicemailTool(mailbox));
      tools.add(new HandoverTool(flow.transfers()));
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
