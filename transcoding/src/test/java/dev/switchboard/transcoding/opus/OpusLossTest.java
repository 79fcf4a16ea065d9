package dev.switchboard.transcoding.opus;

import static dev.switchboard.transcoding.testing.Signals.correlation;
import static dev.switchboard.transcoding.testing.Signals.frames;
import static dev.switchboard.transcoding.testing.Signals.rms;
import static dev.switchboard.transcoding.testing.Signals.speechLike;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packet loss: concealment continues the signal plausibly, and in-band FEC rebuilds a lost packet
 * better than concealment. The reference is the same stream decoded without loss, so codec delay
 * and coding noise cancel out of the comparison.
 */
class OpusLossTest {

  private static final int[] LOST = {15, 28, 40};

  private static List<EncodedFrame> encode(OpusConfig config) {
    OpusAudioEncoder encoder = new OpusAudioEncoder(config);
    int rate = config.sampleRateHz();
    return frames(speechLike(rate, rate), config.frameSamples(), rate).stream()
        .map(encoder::encode)
        .toList();
  }

  /** Decodes every packet, except that {@code lost} is replaced by FEC or PLC output. */
  private static short[] decodeWithLoss(
      List<EncodedFrame> packets, int rateHz, int lost, boolean useFec) {
    OpusAudioDecoder decoder = new OpusAudioDecoder(rateHz);
    int frame = rateHz / 50;
    short[] out = new short[packets.size() * frame];
    for (int i = 0; i < packets.size(); i++) {
      PcmFrame pcm;
      if (i == lost) {
        pcm = useFec ? decoder.decodeFec(packets.get(i + 1), frame) : decoder.conceal(frame);
      } else {
        pcm = decoder.decode(packets.get(i));
      }
      assertThat(pcm.sampleCount()).isEqualTo(frame);
      System.arraycopy(pcm.samples(), 0, out, i * frame, frame);
    }
    return out;
  }

  @Test
  void concealmentContinuesTheSignal() {
    int rate = 16000;
    int frame = 320;
    List<EncodedFrame> packets = encode(OpusConfig.voip(rate));
    short[] clean = decodeWithLoss(packets, rate, -1, false);
    for (int lost : LOST) {
      short[] plc = decodeWithLoss(packets, rate, lost, false);
      int from = lost * frame;
      // Not silence: PLC extrapolates the pitch, so the level stays within 10 dB of the original.
      assertThat(rms(plc, from, from + frame))
          .as("PLC level in packet %d", lost)
          .isGreaterThan(rms(clean, from, from + frame) / 3.2);
      // Continuity: the step into the concealed frame is no larger than the signal's own steps.
      int maxStep = 0;
      for (int i = from - frame; i < from + frame; i++) {
        maxStep = Math.max(maxStep, Math.abs(clean[i + 1] - clean[i]));
      }
      assertThat(Math.abs(plc[from] - plc[from - 1])).isLessThanOrEqualTo(2 * maxStep);
      // A plausible continuation of a voiced sound is positively correlated with what was lost.
      assertThat(correlation(clean, plc, 0, from, from + frame)).isGreaterThan(0.3);
    }
  }

  /**
   * Over five separate losses in active speech, FEC's error against the loss-free decoding is far
   * below PLC's. Compared in aggregate because on a steady vowel PLC can, for the odd packet,
   * extrapolate as well as FEC's coarser re-encoding (measured per packet: FEC correlation
   * 0.97-1.00, PLC 0.35-0.99). Losses sit where the signal is active: SILK only spends LBRR bits on
   * frames it classifies as speech (RFC 6716 §4.2.4), so in the envelope's -40 dBFS trough (packet
   * 22) the next packet carries no redundancy and decodeFec equals PLC.
   */
  @ParameterizedTest
  @ValueSource(ints = {48000, 24000, 16000})
  void fecRecoversLostPacketsBetterThanConcealment(int rate) {
    int frame = rate / 50;
    List<EncodedFrame> packets = encode(OpusConfig.voip(rate));
    short[] clean = decodeWithLoss(packets, rate, -1, false);
    double signal = 0;
    double fecError = 0;
    double plcError = 0;
    for (int lost : new int[] {7, 15, 28, 40, 44}) {
      int from = lost * frame;
      short[] fec = decodeWithLoss(packets, rate, lost, true);
      short[] plc = decodeWithLoss(packets, rate, lost, false);
      assertThat(correlation(clean, fec, 0, from, from + frame))
          .as("FEC correlation for packet %d", lost)
          .isGreaterThan(0.9);
      for (int i = from; i < from + frame; i++) {
        signal += (double) clean[i] * clean[i];
        fecError += Math.pow(clean[i] - fec[i], 2);
        plcError += Math.pow(clean[i] - plc[i], 2);
      }
    }
    double fecSnrDb = 10 * Math.log10(signal / fecError);
    double plcSnrDb = 10 * Math.log10(signal / plcError);
    assertThat(fecSnrDb).as("FEC SNR vs PLC SNR %.1f dB", plcSnrDb).isGreaterThan(plcSnrDb + 6);
  }

  @Test
  void withoutFecInTheStreamDecodeFecFallsBackToConcealment() {
    List<EncodedFrame> noFec = encode(OpusConfig.voip(16000).withInbandFec(false, 0));
    OpusAudioDecoder a = new OpusAudioDecoder(16000);
    OpusAudioDecoder b = new OpusAudioDecoder(16000);
    for (int i = 0; i < 20; i++) {
      a.decode(noFec.get(i));
      b.decode(noFec.get(i));
    }
    assertThat(a.decodeFec(noFec.get(21), 320)).isEqualTo(b.conceal(320));
  }
}
