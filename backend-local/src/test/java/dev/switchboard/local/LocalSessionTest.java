package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link LocalSession}s directly, as the call core would, with the real models and the
 * espeak fixtures. Time passes by sending caller audio (the session's clock), never by sleeping.
 */
class LocalSessionTest {

  private static final Map<String, String> TARGETS =
      Map.of("sales", "sip:sales@pbx.example", "support", "sip:support@pbx.example");

  private final LocalBackend backend =
      new LocalBackend(
          LocalConfig.defaults().withTransferTargets(TARGETS),
          SphinxRecognizer.shared(),
          FreeTtsSynthesizer.shared());

  private static SessionConfig config(AudioFormat output) {
    return new SessionConfig(
        null, "", null, AudioFormat.PCMU_8K, output, null, null, null, "en-US", List.of());
  }

  private RealtimeSession open(RecordingListener events, AudioFormat output) {
    RealtimeSession s = backend.connect(config(output), events).join();
    events.await(BackendEvent.Ready.class);
    return s;
  }

  /** Sends faster than real time, waiting for the worker every 5 s of audio (queue bound). */
  private static void send(RealtimeSession s, List<EncodedFrame> frames) {
    for (int i = 0; i < frames.size(); i++) {
      s.sendAudio(frames.get(i));
      if (i % 250 == 249) {
        ((LocalSession) s).flush().join();
      }
    }
    ((LocalSession) s).flush().join();
    assertThat(((LocalSession) s).droppedAudioFrames()).isZero();
  }

  private static void say(RealtimeSession s, String expected) {
    send(s, Fixtures.ulawFrames(Fixtures.pcm(Fixtures.first(expected).file())));
    send(s, Fixtures.silence(700));
  }

  /** Lets the greeting and menu prompt play out (they last about 12 s of caller audio). */
  private static void hearGreeting(RealtimeSession s, RecordingListener events) {
    s.createResponse(null);
    BackendEvent.AgentTranscript menu = events.await(BackendEvent.AgentTranscript.class);
    assertThat(menu.text()).contains("For sales, say sales or press 1");
    events.await(BackendEvent.ResponseDone.class);
    send(s, Fixtures.silence(13_000));
  }

  @Test
  void callerSaysSupportConfirmsAndIsTransferredLikeAModelToolCall() {
    RecordingListener events = new RecordingListener();
    RealtimeSession s = open(events, AudioFormat.PCM16_24K);
    hearGreeting(s, events);

    say(s, "support");
    BackendEvent.SpeechStarted started = events.await(BackendEvent.SpeechStarted.class);
    events.await(BackendEvent.SpeechStopped.class, e -> e.itemId().equals(started.itemId()));
    events.await(BackendEvent.InputCommitted.class, e -> e.itemId().equals(started.itemId()));
    BackendEvent.UserTranscript heard = events.await(BackendEvent.UserTranscript.class);
    assertThat(heard.itemId()).isEqualTo(started.itemId());
    assertThat(heard.text()).isEqualTo("support");
    assertThat(events.await(BackendEvent.AgentTranscript.class).text())
        .contains("You asked for support");
    events.await(BackendEvent.ResponseDone.class);
    send(s, Fixtures.silence(6_000));

    say(s, "yes");
    BackendEvent.ToolCall transfer = events.awaitTool("transfer");
    assertThat(transfer.arguments()).isEqualTo("{\"target\":\"support\"}");
    s.close();
    events.await(BackendEvent.Closed.class, c -> c.expected());
  }

  @Test
  void agentAudioIsSpeechInTheAskedFormatWithItemIds() {
    RecordingListener events = new RecordingListener();
    RealtimeSession s = open(events, AudioFormat.PCM16_24K);
    s.createResponse(null);
    BackendEvent.ResponseStarted r = events.await(BackendEvent.ResponseStarted.class);
    long samples = 0;
    double energy = 0;
    String item = null;
    BackendEvent e;
    while (!((e = events.await(BackendEvent.class)) instanceof BackendEvent.AudioDone)) {
      if (e instanceof BackendEvent.AudioDelta d) {
        assertThat(d.responseId()).isEqualTo(r.responseId());
        assertThat(d.audio().format()).isEqualTo(AudioFormat.PCM16_24K);
        item = item == null ? d.itemId() : item;
        assertThat(d.itemId()).isEqualTo(item);
        PcmFrame pcm =
            dev.switchboard.local.audio.Pcm16.fromLittleEndian(d.audio().payload(), 24000);
        for (short x : pcm.samples()) {
          energy += (double) x * x;
        }
        samples += pcm.sampleCount();
      }
    }
    double seconds = samples / 24000.0;
    double rmsDbfs = 10 * Math.log10(energy / samples / (32768.0 * 32768.0));
    // Greeting plus menu: about ten seconds of speech, clearly louder than silence.
    assertThat(seconds).isBetween(6.0, 20.0);
    assertThat(rmsDbfs).isGreaterThan(-35.0);
    s.close();
  }

  @Test
  void dtmf3RecordsAVoicemailSpanThenThanksAndHangsUp() {
    RecordingListener events = new RecordingListener();
    RealtimeSession s = open(events, AudioFormat.PCMU_8K);
    s.createResponse(null);
    events.await(BackendEvent.ResponseDone.class);
    s.sendText(DtmfText.format("3"));
    BackendEvent.ToolCall start = events.awaitTool("record_voicemail");
    assertThat(start.arguments())
        .contains("\"action\":\"start\"")
        .contains("\"mailbox\":\"general\"");
    send(s, Fixtures.silence(8_000)); // prompt, beep
    say(s, "leave a message");
    send(s, Fixtures.silence(3_500));
    BackendEvent.ToolCall stop = events.awaitTool("record_voicemail");
    assertThat(stop.arguments()).contains("\"action\":\"stop\"").contains("\"speech\":true");
    long startMs = number(stop.arguments(), "audio_start_ms");
    long endMs = number(stop.arguments(), "audio_end_ms");
    assertThat(endMs - startMs).isBetween(1_000L, 6_000L);
    assertThat(events.awaitTool("hang_up").arguments()).contains("flow_end");
    s.close();
  }

  @Test
  void silenceRepromptsTwiceThenSaysGoodbyeAndHangsUp() {
    RecordingListener events = new RecordingListener();
    RealtimeSession s = open(events, AudioFormat.PCMU_8K);
    hearGreeting(s, events);
    send(s, Fixtures.silence(6_000));
    assertThat(events.await(BackendEvent.AgentTranscript.class).text())
        .startsWith("Sorry, I didn't hear anything. For sales");
    send(s, Fixtures.silence(20_000));
    assertThat(events.await(BackendEvent.AgentTranscript.class).text())
        .startsWith("Sorry, I didn't hear anything.");
    send(s, Fixtures.silence(20_000));
    assertThat(events.await(BackendEvent.AgentTranscript.class).text()).isEqualTo("Goodbye.");
    assertThat(events.awaitTool("hang_up")).isNotNull();
    s.close();
  }

  @Test
  void callerSpeechDuringGreetingBargesInAndTheEngineListensAfterTruncate() {
    RecordingListener events = new RecordingListener();
    RealtimeSession s = open(events, AudioFormat.PCM16_24K);
    s.createResponse(null);
    BackendEvent.AudioDelta first = events.await(BackendEvent.AudioDelta.class);
    events.await(BackendEvent.ResponseDone.class);
    send(s, Fixtures.silence(1_000)); // one second into the greeting
    List<EncodedFrame> speech = Fixtures.ulawFrames(Fixtures.pcm(Fixtures.first("sales").file()));
    send(s, speech);
    BackendEvent.SpeechStarted started = events.await(BackendEvent.SpeechStarted.class);
    // The fixture has 250 ms of lead-in silence; onset is flagged within 150 ms of speech.
    assertThat(started.audioStartMs()).isBetween(1_150L, 1_400L);
    // The call core's barge-in: cancel, then truncate to what was heard.
    s.cancelResponse();
    s.truncate(first.itemId(), 0, Duration.ofMillis(1_300));
    BackendEvent.Truncated t = events.await(BackendEvent.Truncated.class);
    assertThat(t.itemId()).isEqualTo(first.itemId());
    assertThat(t.audioEndMs()).isEqualTo(1_300);
    send(s, Fixtures.silence(700));
    assertThat(events.await(BackendEvent.UserTranscript.class).text()).isEqualTo("sales");
    assertThat(events.await(BackendEvent.AgentTranscript.class, a -> a.text().startsWith("You")))
        .extracting(
            BackendEvent.AgentTranscript::text,
            org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("You asked for sales");
    s.close();
  }

  @Test
  void transferWithoutConfiguredTargetExplainsAndHangsUp() {
    LocalBackend bare =
        new LocalBackend(
            LocalConfig.defaults(), SphinxRecognizer.shared(), FreeTtsSynthesizer.shared());
    RecordingListener events = new RecordingListener();
    RealtimeSession s = bare.connect(config(AudioFormat.PCMU_8K), events).join();
    s.createResponse(null);
    s.sendText("DTMF 1");
    s.sendText("DTMF 1");
    assertThat(
            events
                .await(BackendEvent.AgentTranscript.class, a -> a.text().contains("cannot"))
                .text())
        .contains("sales cannot take your call");
    assertThat(events.awaitTool("hang_up").arguments()).contains("no_transfer_target");
    assertThat(events.all())
        .noneMatch(e -> e instanceof BackendEvent.ToolCall c && c.name().equals("transfer"));
    s.close();
  }

  @Test
  void transferTargetsOfferedByTheCallCoresToolAreUsedByName() {
    LocalBackend bare =
        new LocalBackend(
            LocalConfig.defaults(), SphinxRecognizer.shared(), FreeTtsSynthesizer.shared());
    var transferTool =
        new dev.switchboard.bridge.backend.ToolDefinition(
            "transfer",
            "Transfer the caller.",
            "{\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"string\","
                + "\"enum\":[\"sales\",\"support\"]}},\"required\":[\"target\"]}");
    SessionConfig withTool =
        new SessionConfig(
            null,
            "",
            null,
            AudioFormat.PCMU_8K,
            AudioFormat.PCMU_8K,
            null,
            null,
            null,
            null,
            List.of(transferTool));
    RecordingListener events = new RecordingListener();
    RealtimeSession s = bare.connect(withTool, events).join();
    s.createResponse(null);
    s.sendText("The caller pressed the phone key '1'.");
    s.sendText("DTMF 1");
    assertThat(events.awaitTool("transfer").arguments()).isEqualTo("{\"target\":\"sales\"}");
    s.close();
  }

  @Test
  void twoConcurrentSessionsKeepTheirOwnAudioAndState() throws Exception {
    RecordingListener a = new RecordingListener();
    RecordingListener b = new RecordingListener();
    RealtimeSession sa = open(a, AudioFormat.PCMU_8K);
    RealtimeSession sb = open(b, AudioFormat.PCMU_8K);
    Thread ta =
        Thread.ofVirtual()
            .start(
                () -> {
                  hearGreeting(sa, a);
                  say(sa, "sales");
                });
    Thread tb =
        Thread.ofVirtual()
            .start(
                () -> {
                  hearGreeting(sb, b);
                  say(sb, "leave a message");
                });
    ta.join();
    tb.join();
    assertThat(a.await(BackendEvent.UserTranscript.class).text()).isEqualTo("sales");
    assertThat(b.await(BackendEvent.UserTranscript.class).text()).isEqualTo("leave a message");
    assertThat(a.await(BackendEvent.AgentTranscript.class).text()).contains("You asked for sales");
    assertThat(b.awaitTool("record_voicemail").arguments()).contains("start");
    String idA = ((LocalSession) sa).sessionId();
    String idB = ((LocalSession) sb).sessionId();
    assertThat(a.all()).allMatch(e -> !e.toString().contains("_" + idB + "_"));
    assertThat(b.all()).allMatch(e -> !e.toString().contains("_" + idA + "_"));
    sa.close();
    sb.close();
  }

  private static long number(String json, String key) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
    assertThat(m.find()).as("%s in %s", key, json).isTrue();
    return Long.parseLong(m.group(1));
  }
}
