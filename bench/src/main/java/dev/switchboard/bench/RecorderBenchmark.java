package dev.switchboard.bench;

import dev.switchboard.recordings.audio.PausedSpans;
import dev.switchboard.recordings.audio.StereoTimeline;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioWriter;
import dev.switchboard.transcoding.io.OggOpusWriter;
import dev.switchboard.transcoding.io.WavWriter;
import dev.switchboard.transcoding.opus.OpusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The recorder's writer-thread work per 20 ms of call (one caller and one agent 8 kHz tap frame):
 * placement on the call clock, drain, stereo WAV write and a flush every 100 ms, at the recording
 * rates, optionally with the Ogg Opus archive. Baseline: writing the same stereo frame with {@code
 * WavWriter} alone. {@code 20 ms / ns per op} is the number of calls one core can record. Files are
 * rotated every 5,000 frames (100 s of audio) so disk use stays bounded.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Recorder -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecorderBenchmark {

  private static final int ROTATE_FRAMES = 5_000;

  @Param({"8000", "24000"})
  public int recordingRateHz;

  @Param({"false", "true"})
  public boolean opusArchive;

  private Path dir;
  private PcmFrame caller;
  private PcmFrame agent;
  private PcmFrame wavLeft;
  private PcmFrame wavRight;
  private StereoTimeline timeline;
  private WavWriter wav;
  private AudioWriter opusLeft;
  private AudioWriter opusRight;
  private WavWriter baseline;
  private long frame;
  private long baselineFrame;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("recorder-bench");
    short[] speech = SpeechLikeSignal.samples(8000, 160);
    caller = new PcmFrame(speech, 8000);
    agent = new PcmFrame(speech.clone(), 8000);
    int n = recordingRateHz / 50;
    wavLeft = new PcmFrame(SpeechLikeSignal.samples(recordingRateHz, n), recordingRateHz);
    wavRight = new PcmFrame(SpeechLikeSignal.samples(recordingRateHz, n), recordingRateHz);
    open();
  }

  private void open() throws IOException {
    closeFiles();
    timeline =
        new StereoTimeline(
            recordingRateHz, Duration.ofMillis(20), Duration.ofMillis(40), new PausedSpans());
    wav =
        WavWriter.create(dir.resolve("a.wav"), new AudioFormat(Encoding.PCM16, recordingRateHz, 2));
    if (opusArchive) {
      // The recorder's archive settings (RecordingWriter.archiveConfig): complexity 0, no FEC.
      OpusConfig archive =
          OpusConfig.voip(recordingRateHz)
              .withInbandFec(false, 0)
              .withComplexity(0)
              .withBitrateBps(recordingRateHz == 8000 ? 12_000 : 16_000);
      opusLeft = OggOpusWriter.create(dir.resolve("c.opus"), archive);
      opusRight = OggOpusWriter.create(dir.resolve("g.opus"), archive);
    }
    baseline =
        WavWriter.create(dir.resolve("b.wav"), new AudioFormat(Encoding.PCM16, recordingRateHz, 2));
    frame = 0;
    baselineFrame = 0;
  }

  private void closeFiles() throws IOException {
    for (AudioWriter w : new AudioWriter[] {wav, opusLeft, opusRight, baseline}) {
      if (w != null) {
        w.close();
      }
    }
    opusLeft = null;
    opusRight = null;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    closeFiles();
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  /** Everything the writer thread does for 20 ms of call. */
  @Benchmark
  public long recorder() throws IOException {
    if (frame == ROTATE_FRAMES) {
      open();
    }
    Duration at = Duration.ofMillis(20 * frame);
    timeline.callerAudio(at, caller);
    timeline.agentAudio(at, agent);
    StereoTimeline.Stereo s = timeline.drain();
    if (s != null) {
      wav.writeStereo(s.left(), s.right());
      if (opusLeft != null) {
        opusLeft.write(s.left());
        opusRight.write(s.right());
      }
    }
    if (++frame % 5 == 0) {
      wav.flush(); // every 100 ms of call: the crash-safety bound
    }
    return timeline.writtenSamples();
  }

  /** Baseline: the stereo WAV write alone, same flush cadence. */
  @Benchmark
  public long wavWriteOnly() throws IOException {
    if (baselineFrame == ROTATE_FRAMES) {
      open();
    }
    baseline.writeStereo(wavLeft, wavRight);
    if (++baselineFrame % 5 == 0) {
      baseline.flush();
    }
    return baselineFrame;
  }
}
