package dev.switchboard.bench;

import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.opus.OpusAudioDecoder;
import dev.switchboard.transcoding.opus.OpusAudioEncoder;
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
 * Nanoseconds per 20 ms frame for Opus encode and decode (call defaults: VOIP, 32 kbit/s,
 * complexity 5, FEC) on a one-second speech-like signal, with G.711 μ-law as the baseline. A 20 ms
 * frame every 20 ms per direction means one core carries {@code 20 ms / (encode + decode)} call
 * legs.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Opus -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpusBenchmark {

  private static final int FRAMES = 50;

  @Param({"48000", "24000"})
  public int rateHz;

  private OpusAudioEncoder encoder;
  private OpusAudioDecoder decoder;
  private AudioEncoder ulawEncoder;
  private AudioDecoder ulawDecoder;
  private PcmFrame[] pcm;
  private PcmFrame[] pcm8k;
  private EncodedFrame[] packets;
  private int next;

  @Setup
  public void setUp() {
    encoder = OpusAudioEncoder.voip(rateHz);
    decoder = new OpusAudioDecoder(rateHz);
    ulawEncoder = Codecs.encoder(AudioFormat.PCMU_8K);
    ulawDecoder = Codecs.decoder(AudioFormat.PCMU_8K);
    pcm = frames(rateHz);
    pcm8k = frames(8000);
    OpusAudioEncoder packetSource = OpusAudioEncoder.voip(rateHz);
    packets = new EncodedFrame[FRAMES];
    for (int i = 0; i < FRAMES; i++) {
      packets[i] = packetSource.encode(pcm[i]);
    }
  }

  /** Voiced-speech-like test signal: 140 Hz harmonics under a 4 Hz syllabic envelope. */
  private static PcmFrame[] frames(int rateHz) {
    int frame = rateHz / 50;
    PcmFrame[] out = new PcmFrame[FRAMES];
    for (int f = 0; f < FRAMES; f++) {
      short[] s = new short[frame];
      for (int i = 0; i < frame; i++) {
        double t = (double) (f * frame + i) / rateHz;
        double v = 0;
        for (int h = 1; h * 140 < 3400; h++) {
          v += Math.sin(2 * Math.PI * 140 * h * t) / h;
        }
        s[i] = (short) (6000 * (0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t)) * v);
      }
      out[f] = new PcmFrame(s, rateHz);
    }
    return out;
  }

  private int advance() {
    int i = next;
    next = (next + 1) % FRAMES;
    return i;
  }

  @Benchmark
  public EncodedFrame opusEncode() {
    return encoder.encode(pcm[advance()]);
  }

  @Benchmark
  public PcmFrame opusDecode() {
    return decoder.decode(packets[advance()]);
  }

  /** Baseline: G.711 μ-law encode + decode of a 20 ms 8 kHz frame (same for both rates). */
  @Benchmark
  public PcmFrame baselineUlawEncodeDecode() {
    return ulawDecoder.decode(ulawEncoder.encode(pcm8k[advance()]));
  }
}
