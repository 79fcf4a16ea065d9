package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.local.LocalBackend;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.recordings.RecordingFiles;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import dev.switchboard.recordings.transcript.TranscriptLine;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.server.http.AdminApi;
import dev.switchboard.server.http.HealthHandlers;
import dev.switchboard.server.http.HttpServer;
import dev.switchboard.server.metrics.Metrics;
import dev.switchboard.server.recording.ServerRecordings;
import dev.switchboard.server.tools.VoicemailTool;
import dev.switchboard.testkit.FakeTransport;
import dev.switchboard.testkit.ManualClock;
import dev.switchboard.transcoding.io.WavReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded call end to end: the bundled example flow on the offline backend through {@link
 * CallRouter} on a manual clock, with the server's {@link ServerRecordings} and the admin API on a
 * local port. The caller presses 3 and leaves a voicemail; an operator pauses and resumes the
 * recording over the admin API while the call runs. Checks the stereo WAV by content, the
 * transcript, the index row as the admin API returns it, and the voicemail's own file.
 */
class RecordedCallIT {

  private static final String TOKEN = "rec-test-token";

  @TempDir Path recordingsDir;

  private final ManualClock clock = new ManualClock();
  private final Metrics metrics = new Metrics(PriceTable.gptRealtime());
  private final OfflineSteps steps = new OfflineSteps(clock);
  private volatile boolean voicemailStarted;
  private final HttpClient http = HttpClient.newHttpClient();
  private ServerRecordings recordings;
  private HttpServer server;
  private CallRouter router;

  private void start() {
    FlowRepository flows = FlowRepository.bundled();
    CallRegistry registry = new CallRegistry(flows, 5, Clock.systemUTC());
    recordings =
        ServerRecordings.open(
            new ServerConfig.Recordings(
                recordingsDir, Optional.empty(), Optional.empty(), Optional.empty()));
    OfflineBackends offline =
        OfflineBackends.of(
            new OfflineBackends.Models(SphinxRecognizer.shared(), FreeTtsSynthesizer.shared()),
            m -> cfg -> steps.observe(new LocalBackend(cfg, m.recognizer(), m.synthesizer())));
    router =
        new CallRouter(
            registry,
            new BackendFactory(Map.of(), Optional.empty(), offline),
            new CallConfigs(HttpClient.newHttpClient(), Map.of(), observed(recordings.mailbox())),
            metrics,
            clock,
            Clock.systemUTC(),
            Runnable::run,
            recordings::listenersFor);
    server =
        new HttpServer(
            "127.0.0.1",
            0,
            new HealthHandlers(metrics),
            new AdminApi(Optional.of(TOKEN), registry, flows, recordings));
    server.start();
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    if (recordings != null) {
      recordings.close();
    }
    metrics.close();
  }

  @Test
  void aVoicemailCallLeavesItsRecordingTranscriptIndexRowAndMessageFile() throws Exception {
    start();
    short[] caller = SpeechFixtures.timeline(40);
    FakeTransport transport = new FakeTransport(clock, "rec-1").callerSignal(caller);
    Admission a = router.admit(transport.info());
    CallSession call = router.start((Admission.Admitted) a, transport).orElseThrow();
    CompletableFuture<Path> done = recordings.finished("rec-1").orElseThrow();

    steps.run(1, () -> false);
    assertThat(post("/admin/calls/rec-1/recording/pause").body()).contains("\"changed\":true");
    steps.run(0.5, () -> false);
    assertThat(post("/admin/calls/rec-1/recording/resume").statusCode()).isEqualTo(200);
    steps.run(0.5, () -> false);
    transport.pressDigit('3');
    steps.run(10, () -> voicemailStarted);
    // Recording starts after the prompt and beep; the caller speaks well inside the 6 s a
    // voicemail waits for a first word, then presses # a second after.
    double spokenAt = clock.nanoTime() / 1e9 + 6.5;
    SpeechFixtures.mix(caller, "u03-leave_a_message.wav", spokenAt);
    assertThat(voicemailStarted).as("the IVR took a message").isTrue();
    steps.run(9, () -> false);
    transport.pressDigit('#');
    steps.run(14, () -> call.termination().isDone());
    assertThat(call.termination()).isDone();
    Path dir = done.get(30, TimeUnit.SECONDS);

    // The stereo WAV: the agent's greeting on the right in the first seconds, the caller's
    // message on the left where it was spoken, silence on the left before it.
    StereoWavFile.Channels wav = StereoWavFile.read(RecordingFiles.audio(dir));
    int rate = wav.caller().sampleRateHz();
    short[] left = wav.caller().samples();
    assertThat(SpeechFixtures.rmsDbfs(wav.agent().samples(), 0, 2 * rate)).isGreaterThan(-35);
    int spoken = (int) (spokenAt * rate);
    assertThat(SpeechFixtures.rmsDbfs(left, spoken, spoken + rate)).isGreaterThan(-35);
    assertThat(SpeechFixtures.rmsDbfs(left, 0, spoken - rate)).isLessThan(-60);

    RecordingMetadata meta = RecordingMetadata.read(RecordingFiles.meta(dir));
    assertThat(meta.state()).isEqualTo(RecordingMetadata.COMPLETE);
    assertThat(meta.flow()).isEqualTo("example");
    assertThat(meta.backend()).isEqualTo("local");
    assertThat(meta.pausedSpans()).as("the operator's pause").hasSize(1);

    // The voicemail: its own file holding the caller's message, and a transcript entry.
    List<TranscriptLine> lines = TranscriptFiles.read(RecordingFiles.transcript(dir));
    TranscriptLine vm =
        lines.stream().filter(l -> l.type().equals("voicemail")).findFirst().orElseThrow();
    assertThat(vm.fields()).containsEntry("mailbox", "general");
    Path vmFile = dir.resolve(vm.fields().get("file").toString());
    short[] message;
    try (WavReader r = WavReader.open(vmFile)) {
      message = r.read(130 * rate).samples(); // a voicemail is at most 120 s
    }
    assertThat(message.length).as("message samples").isGreaterThan(rate);
    int inMessage = (int) (spoken - vm.startMs() * rate / 1000);
    assertThat(SpeechFixtures.rmsDbfs(message, inMessage, inMessage + rate)).isGreaterThan(-35);
    assertThat(lines.stream().anyMatch(l -> l.type().equals("agent"))).isTrue();

    // The admin API serves the index row, the metadata and the files.
    HttpResponse<String> list = get("/admin/history?flow=example");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"callId\":\"rec-1\"").contains("\"backend\":\"local\"");
    assertThat(get("/admin/history?flow=nope").body()).doesNotContain("rec-1");
    HttpResponse<String> one = get("/admin/history/rec-1");
    assertThat(one.body()).contains(vmFile.getFileName().toString()).contains("\"paused_spans\"");
    HttpResponse<byte[]> audio =
        http.send(request("/admin/history/rec-1/recording").GET().build(), ofBytes());
    assertThat(audio.statusCode()).isEqualTo(200);
    assertThat(audio.body()).isEqualTo(Files.readAllBytes(RecordingFiles.audio(dir)));
    assertThat(get("/admin/history/rec-1/transcript?format=txt").statusCode()).isEqualTo(200);
    assertThat(get("/admin/history/rec-1/transcript?format=doc").statusCode()).isEqualTo(400);
    assertThat(get("/admin/history/nope").statusCode()).isEqualTo(404);
    assertThat(get("/admin/history?from=yesterday").statusCode()).isEqualTo(400);
  }

  /** The server's mailbox, telling the test when the IVR starts taking the message. */
  private VoicemailTool.Mailbox observed(VoicemailTool.Mailbox real) {
    return new VoicemailTool.Mailbox() {
      @Override
      public void started(CallInfo call, String box, int maxSeconds) {
        real.started(call, box, maxSeconds);
        voicemailStarted = true;
      }

      @Override
      public void stopped(CallInfo call, String box, long startMs, long endMs, boolean speech) {
        real.stopped(call, box, startMs, endMs, speech);
      }
    };
  }

  private static HttpResponse.BodyHandler<byte[]> ofBytes() {
    return HttpResponse.BodyHandlers.ofByteArray();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(
        request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
