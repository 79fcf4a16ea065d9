package dev.switchboard.transcoding.resample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Streaming contract: state across frames of any size, exact counts, reset, 16-bit output. */
class ResamplerStreamingTest {

  static Stream<Arguments> pairs() {
    return ResamplerQualityTest.pairs();
  }

  private static short[] speechLike(int rateHz, double seconds, double rms, long seed) {
    double band = Math.min(0.45 * rateHz, 3400);
    double[] x =
        TestSignals.noise(seed, 60, 80, band, rms).sample(rateHz, (int) (rateHz * seconds), 0);
    short[] out = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i])));
    }
    return out;
  }

  /** Feeds {@code input} in chunks of the given sizes (cycling) and concatenates the output. */
  private static short[] chunked(Resampler resampler, short[] input, int[] sizes) {
    short[] out = new short[0];
    int position = 0;
    for (int c = 0; position < input.length; c++) {
      int size = Math.min(sizes[c % sizes.length], input.length - position);
      short[] piece = Arrays.copyOfRange(input, position, position + size);
      short[] produced = resampler.process(new PcmFrame(piece, resampler.inputRateHz())).samples();
      out = Arrays.copyOf(out, out.length + produced.length);
      System.arraycopy(produced, 0, out, out.length - produced.length, produced.length);
      position += size;
    }
    return out;
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @MethodSource("pairs")
  void randomChunkSizesGiveExactlyTheOneShotOutput(int in, int out) {
    short[] input = speechLike(in, 0.3, 4000, 3);
    short[] oneShot = Resamplers.create(in, out).process(new PcmFrame(input, in)).samples();
    Random random = new Random(in + 7L * out);
    int[] sizes = random.ints(200, 0, 700).toArray(); // includes empty and 1-sample frames
    short[] pieces = chunked(Resamplers.create(in, out), input, sizes);
    assertThat(pieces).containsExactly(oneShot);
    // ⌈T·L/M⌉ outputs for T inputs: nothing held back, nothing invented.
    assertThat(oneShot).hasSize((int) Math.ceilDiv((long) input.length * out, in));
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @MethodSource("pairs")
  void floatCoreIsChunkInvariantBitForBit(int in, int out) {
    float[] input = TestSignals.toFloat(TestSignals.multiTone(3000, 20000).sample(in, in / 4, 0));
    PolyphaseDesign design = PolyphaseDesign.forRates(in, out);
    float[] oneShot = new PolyphaseFilter(design).process(input);
    PolyphaseFilter chunked = new PolyphaseFilter(design);
    float[] pieces = new float[0];
    Random random = new Random(42);
    for (int position = 0; position < input.length; ) {
      int size = Math.min(random.nextInt(1, 97), input.length - position);
      float[] produced = chunked.process(Arrays.copyOfRange(input, position, position + size));
      pieces = Arrays.copyOf(pieces, pieces.length + produced.length);
      System.arraycopy(produced, 0, pieces, pieces.length - produced.length, produced.length);
      position += size;
    }
    assertThat(pieces).containsExactly(oneShot);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @MethodSource("pairs")
  void every20MillisecondFrameHasTheExactSampleCount(int in, int out) {
    Resampler resampler = Resamplers.create(in, out);
    short[] input = speechLike(in, 0.2, 3000, 9);
    int frame = in / 50;
    for (int position = 0; position + frame <= input.length; position += frame) {
      PcmFrame produced =
          resampler.process(
              new PcmFrame(Arrays.copyOfRange(input, position, position + frame), in));
      assertThat(produced.sampleCount()).isEqualTo(out / 50);
      assertThat(produced.sampleRateHz()).isEqualTo(out);
    }
  }

  @Test
  void oddFrameSizesCarryTheFractionalPhase() {
    // 24k -> 8k on 7-sample frames: outputs 3, 2, 2, 3, 2, 2, 3 ... always ⌈T/3⌉ in total.
    Resampler resampler = Resamplers.create(24000, 8000);
    long total = 0;
    for (int i = 1; i <= 30; i++) {
      total += resampler.process(new PcmFrame(new short[7], 24000)).sampleCount();
      assertThat(total).isEqualTo(Math.ceilDiv(7L * i, 3));
    }
  }

  @Test
  void longSineIn20MillisecondFramesHasNoSeamsAtFrameBoundaries() {
    Resampler framed = Resamplers.create(8000, 24000);
    double delaySeconds = framed.delayMillis() / 1000;
    TestSignals.SumOfSines sine =
        new TestSignals.SumOfSines(new double[] {1013}, new double[] {12000}, new double[] {0});
    short[] input = new short[8000 * 2];
    double[] analytic = sine.sample(8000, input.length, 0);
    for (int i = 0; i < input.length; i++) {
      input[i] = (short) Math.round(analytic[i]);
    }
    short[] framedOut = chunked(framed, input, new int[] {160});
    short[] oneShot = Resamplers.create(8000, 24000).process(new PcmFrame(input, 8000)).samples();
    int maxDifference = 0;
    for (int i = 0; i < oneShot.length; i++) {
      maxDifference = Math.max(maxDifference, Math.abs(framedOut[i] - oneShot[i]));
    }
    assertThat(maxDifference).isZero();
    // And the joins are clean against the ideal sine too (only 16-bit rounding of in and out).
    double[] ideal = sine.sample(24000, framedOut.length, delaySeconds);
    double worst = 0;
    for (int i = 240; i < framedOut.length; i++) {
      worst = Math.max(worst, Math.abs(framedOut[i] - ideal[i]));
    }
    assertThat(worst).isLessThan(2.0);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @MethodSource("pairs")
  void resetForgetsTheHistory(int in, int out) {
    Resampler used = Resamplers.create(in, out);
    used.process(new PcmFrame(speechLike(in, 0.05, 8000, 1), in));
    used.reset();
    short[] next = speechLike(in, 0.05, 8000, 2);
    PcmFrame afterReset = used.process(new PcmFrame(next, in));
    PcmFrame fresh = Resamplers.create(in, out).process(new PcmFrame(next, in));
    assertThat(afterReset).isEqualTo(fresh);
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @MethodSource("pairs")
  void outputIsTheFloatCoreRoundedToNearestAndSaturated(int in, int out) {
    // A full-scale square wave overshoots (Gibbs) past 16 bits: it must clip, not wrap around.
    short[] square = new short[in / 10];
    for (int i = 0; i < square.length; i++) {
      square[i] = (i / (in / 200)) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
    }
    float[] asFloat = new float[square.length];
    for (int i = 0; i < square.length; i++) {
      asFloat[i] = square[i];
    }
    float[] exact = new PolyphaseFilter(PolyphaseDesign.forRates(in, out)).process(asFloat);
    short[] rounded = Resamplers.create(in, out).process(new PcmFrame(square, in)).samples();
    boolean clipped = false;
    for (int i = 0; i < exact.length; i++) {
      long expected = (long) Math.max(-32768, Math.min(32767, Math.rint(exact[i])));
      assertThat((long) rounded[i]).as("sample %d", i).isEqualTo(expected);
      clipped |= exact[i] > 32767.5f || exact[i] < -32768.5f;
    }
    assertThat(clipped).as("the test signal overshoots 16 bits").isTrue();
  }

  @Test
  void instancesOfOnePairShareTheDesignButNotTheHistory() {
    Resampler a = Resamplers.create(8000, 24000);
    Resampler b = Resamplers.create(8000, 24000);
    short[] loud = speechLike(8000, 0.02, 8000, 4);
    a.process(new PcmFrame(loud, 8000));
    PcmFrame silenceThroughB = b.process(PcmFrame.silence(8000, 20));
    assertThat(silenceThroughB.samples()).containsOnly((short) 0);
    assertThat(PolyphaseDesign.forRates(8000, 24000))
        .isSameAs(PolyphaseDesign.forRates(8000, 24000));
  }
}
