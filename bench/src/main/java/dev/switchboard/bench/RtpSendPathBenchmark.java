package dev.switchboard.bench;

import dev.switchboard.sip.media.RtpPacer;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.transcoding.PcmFrame;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SIP downlink per 20 ms tick of one call, without the socket: the call core writes 20 ms of
 * agent audio at the call's 8 kHz, the media worker prepares the packet ({@code prepareNext}: fill,
 * resample for Opus, encode) and the send thread sends it ({@code tick}). Shows why the encode runs
 * on the per-call worker and not on the shared send thread (compare PCMU with OPUS).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RtpSendPathBenchmark {

  private static final int FRAMES = 50;

  @Param({"PCMU", "OPUS"})
  public String codec;

  private final PcmFrame[] agent = new PcmFrame[FRAMES];
  private RtpPacer pacer;
  private long bytes;
  private int frame;

  @Setup
  public void setUp() {
    short[] at8k = SpeechLikeSignal.samples(8000, 8000);
    for (int i = 0; i < FRAMES; i++) {
      agent[i] = new PcmFrame(Arrays.copyOfRange(at8k, i * 160, (i + 1) * 160), 8000);
    }
    NegotiatedMedia pcmu =
        new NegotiatedMedia(
            AudioCodec.PCMU, 0, 101, 20, null, null, false, Direction.SENDRECV, false);
    pacer = new RtpPacer(pcmu, 1, 0, 0, p -> bytes += p.payload().length, new RtpStats());
    if (codec.equals("OPUS")) {
      // The call started on PCMU (8 kHz) and moved to Opus: the pacer resamples 8 -> 24 kHz.
      pacer.update(
          new NegotiatedMedia(
              AudioCodec.OPUS, 111, -1, 20, null, null, false, Direction.SENDRECV, false));
    }
  }

  /** One tick: the call core's write, the worker's encode ahead, the send (socket excluded). */
  @Benchmark
  public long downlinkTick() {
    pacer.write(agent[frame]);
    frame = (frame + 1) % FRAMES;
    pacer.prepareNext();
    pacer.tick();
    return bytes;
  }
}
