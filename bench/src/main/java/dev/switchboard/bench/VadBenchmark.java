package dev.switchboard.bench;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.vad.VadResult;
import dev.switchboard.transcoding.vad.VoiceActivityDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per 20 ms frame for the VAD, cycling through 4 s of speech-like bursts and noise,
 * next to the baseline of merely summing the frame's energy.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Vad -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class VadBenchmark {

  @Param({"8000", "16000", "24000"})
  public int sampleRateHz;

  private PcmFrame[] frames;
  private VoiceActivityDetector vad;
  private int next;

  @Setup
  public void setUp() {
    frames = BenchSignals.speechLike(sampleRateHz, 4);
    vad = new VoiceActivityDetector(sampleRateHz);
  }

  private PcmFrame nextFrame() {
    PcmFrame frame = frames[next];
    next = next + 1 == frames.length ? 0 : next + 1;
    return frame;
  }

  @Benchmark
  public VadResult vadPer20msFrame() {
    return vad.process(nextFrame());
  }

  @Benchmark
  public double baselineFrameEnergy() {
    return BenchSignals.energy(nextFrame());
  }
}
