package dev.switchboard.bench;

import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.g711.G711Decoder;
import dev.switchboard.transcoding.g711.G711Encoder;
import dev.switchboard.transcoding.resample.Resamplers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per 20 ms frame of the media path of one call: caller μ-law 8 kHz → PCM 24 kHz for the model
 * (uplink) and model PCM 24 kHz → μ-law 8 kHz for the caller (downlink). Each invocation processes
 * one frame of a one-second speech-like loop; the resamplers keep their state across frames as in a
 * call. "Calls per core" = 20 ms / (ns per frame, both directions). Compare with speexdsp via
 * {@code bench/speexdsp/run.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ResamplerBenchmark {

  private static final int FRAMES = 50; // one second of 20 ms frames

  private final Resampler up = Resamplers.create(8000, 24000);
  private final Resampler down = Resamplers.create(24000, 8000);
  private final G711Decoder decoder = new G711Decoder(Encoding.PCMU);
  private final G711Encoder encoder = new G711Encoder(Encoding.PCMU);
  private final PcmFrame[] caller8k = new PcmFrame[FRAMES];
  private final EncodedFrame[] callerUlaw = new EncodedFrame[FRAMES];
  private final PcmFrame[] model24k = new PcmFrame[FRAMES];
  private int frame;

  @Setup
  public void setUp() {
    short[] at8k = SpeechLikeSignal.samples(8000, 8000);
    short[] at24k = SpeechLikeSignal.samples(24000, 24000);
    for (int i = 0; i < FRAMES; i++) {
      short[] pcm8 = java.util.Arrays.copyOfRange(at8k, i * 160, (i + 1) * 160);
      caller8k[i] = new PcmFrame(pcm8, 8000);
      callerUlaw[i] = encoder.encode(caller8k[i]);
      model24k[i] =
          new PcmFrame(java.util.Arrays.copyOfRange(at24k, i * 480, (i + 1) * 480), 24000);
    }
  }

  private int next() {
    int i = frame;
    frame = i + 1 == FRAMES ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public PcmFrame upsample8kTo24k() {
    return up.process(caller8k[next()]);
  }

  @Benchmark
  public PcmFrame downsample24kTo8k() {
    return down.process(model24k[next()]);
  }

  @Benchmark
  public PcmFrame ulawDecodeThenUpsample() {
    return up.process(decoder.decode(callerUlaw[next()]));
  }

  @Benchmark
  public EncodedFrame downsampleThenUlawEncode() {
    return encoder.encode(down.process(model24k[next()]));
  }

  @Benchmark
  public void bothDirections(Blackhole sink) {
    int i = next();
    sink.consume(up.process(decoder.decode(callerUlaw[i])));
    sink.consume(encoder.encode(down.process(model24k[i])));
  }
}
