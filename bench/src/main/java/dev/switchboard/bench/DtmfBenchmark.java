package dev.switchboard.bench;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.dtmf.DtmfDetector;
import dev.switchboard.transcoding.dtmf.DtmfEvent;
import java.util.List;
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
 * Nanoseconds per 20 ms (160-sample) frame for in-band DTMF detection, on speech-like input (the
 * common case: only the Goertzel screen runs) and on a stream of digits (candidate blocks also pay
 * for the windowed Q.24 checks), next to the energy-only baseline.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Dtmf -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DtmfBenchmark {

  @Param({"speech", "digits"})
  public String signal;

  private PcmFrame[] frames;
  private DtmfDetector detector;
  private int next;

  @Setup
  public void setUp() {
    frames = signal.equals("digits") ? BenchSignals.dtmfDigits() : BenchSignals.speechLike(8000, 4);
    detector = new DtmfDetector();
  }

  private PcmFrame nextFrame() {
    PcmFrame frame = frames[next];
    next = next + 1 == frames.length ? 0 : next + 1;
    return frame;
  }

  @Benchmark
  public List<DtmfEvent> dtmfPer20msFrame() {
    return detector.process(nextFrame());
  }

  @Benchmark
  public double baselineFrameEnergy() {
    return BenchSignals.energy(nextFrame());
  }
}
