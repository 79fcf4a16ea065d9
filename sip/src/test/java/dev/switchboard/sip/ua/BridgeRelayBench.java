package dev.switchboard.sip.ua;

import dev.switchboard.sip.SipStats;
import dev.switchboard.sip.media.RtpPacer;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.PcmFrame;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU cost of one bridge direction per 20 ms frame, by thread CPU time: {@code MediaRelay} into the
 * other leg's pacer (encode + packetise, sender a no-op), against the baseline of the same pacer
 * fed directly (what the agent's downlink already costs). Run with
 *
 * <pre>
 * ./mvnw -B -q test-compile -pl sip -am
 * ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/sipcp.txt -pl sip
 * M=sip/target/classes:sip/target/test-classes:transcoding/target/classes
 * java -cp $M:agent-bridge/target/classes:testkit/target/classes:$(cat /tmp/sipcp.txt) \
 *     dev.switchboard.sip.ua.BridgeRelayBench
 * </pre>
 *
 * <p>(the reactor's own classes first: {@code ~/.m2} may hold other branches' snapshots)
 *
 * <pre>
 * </pre>
 */
public final class BridgeRelayBench {

  private static final int FRAMES = 300_000; // 100 call-minutes of one direction
  private static final int FRAMES_PER_MINUTE = 3000;

  public static void main(String[] args) {
    for (int round = 0; round < 3; round++) { // the first rounds warm the JIT
      double baseline = run("pacer only  PCMU 8k", AudioCodec.PCMU, 0, 8000, false);
      double same = run("relay PCMU->PCMU 8k", AudioCodec.PCMU, 0, 8000, true);
      double resampled = run("relay 24k PCM->PCMA", AudioCodec.PCMA, 8, 24000, true);
      if (round == 2) {
        System.out.printf(
            "ratios vs pacer only: same codec %.2f, resampled %.2f%n",
            same / baseline, resampled / baseline);
      }
    }
  }

  private static double run(
      String name, AudioCodec codec, int pt, int inRateHz, boolean throughRelay) {
    RtpPacer pacer =
        new RtpPacer(
            new NegotiatedMedia(codec, pt, 101, 20, null, null, false, Direction.SENDRECV, false),
            1,
            0,
            0,
            packet -> {},
            new RtpStats());
    MediaRelay relay = new MediaRelay(name, pacer, new SipStats());
    short[] tone = Tones.steady(700, 1.0, inRateHz);
    int frameSamples = inRateHz / 50;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < FRAMES; i++) {
      short[] samples = new short[frameSamples];
      System.arraycopy(tone, (i % 50) * frameSamples, samples, 0, frameSamples);
      PcmFrame frame = new PcmFrame(samples, inRateHz);
      if (throughRelay) {
        relay.onAudio(frame);
      } else {
        pacer.write(frame);
      }
      pacer.tick();
    }
    long cpuNanos = threads.getCurrentThreadCpuTime() - start;
    double nsPerFrame = (double) cpuNanos / FRAMES;
    double cpuSecondsPerCallMinute = nsPerFrame * FRAMES_PER_MINUTE / 1e9;
    System.out.printf(
        "%-22s %8.0f ns/frame  %.4f CPU s per call-minute (one direction)%n",
        name, nsPerFrame, cpuSecondsPerCallMinute);
    return nsPerFrame;
  }
}
