package dev.switchboard.bench;

import dev.switchboard.bridge.bargein.EchoAnalysis;
import dev.switchboard.bridge.bargein.EchoCanceller;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The uplink echo canceller alone: one 20 ms 8 kHz frame with agent audio playing, with the SIMD
 * kernel (as the launcher runs it) and with the scalar fallback (the baseline) in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EchoCancellerBenchmark {

  private final EchoCanceller canceller = EchoCanceller.forRate(8000);
  private final short[] agent = new short[160];
  private final short[] mic = new short[160];
  private final short[] out = new short[160];
  private long sample;

  @Setup
  public void setUp() {
    for (int i = 0; i < 160; i++) {
      agent[i] = (short) (6000 * Math.sin(i * 0.35));
      mic[i] = (short) (600 * Math.sin((i - 40) * 0.35));
    }
  }

  @Benchmark
  @Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
  public EchoAnalysis processFrame() {
    return frame();
  }

  @Benchmark
  @Fork(jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dswitchboard.simd=false"})
  public EchoAnalysis processFrameScalar() {
    return frame();
  }

  private EchoAnalysis frame() {
    canceller.addReference(agent, sample + 800);
    sample += 160;
    return canceller.process(mic, sample, out);
  }
}
