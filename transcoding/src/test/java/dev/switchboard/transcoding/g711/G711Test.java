package dev.switchboard.transcoding.g711;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class G711Test {

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = G711Test.class.getResourceAsStream("/golden/g711/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  @Test
  void ulawDecodeMatchesGoldenForAll256Codes() throws IOException {
    byte[] gold = golden("sox-ulaw-decode-s16le.bin");
    for (int code = 0; code < 256; code++) {
      short expected = (short) ((gold[2 * code] & 0xFF) | (gold[2 * code + 1] << 8));
      assertThat(G711.ulawToLinear((byte) code)).as("μ-law code %d", code).isEqualTo(expected);
    }
  }

  @Test
  void alawDecodeMatchesGoldenForAll256Codes() throws IOException {
    byte[] gold = golden("sox-alaw-decode-s16le.bin");
    for (int code = 0; code < 256; code++) {
      short expected = (short) ((gold[2 * code] & 0xFF) | (gold[2 * code + 1] << 8));
      assertThat(G711.alawToLinear((byte) code)).as("A-law code %d", code).isEqualTo(expected);
    }
  }

  @Test
  void ulawEncodeIsBitExactForAll65536Inputs() throws IOException {
    assertEncoderBitExact(golden("itu-ulaw-encode-s16.bin"), true);
  }

  @Test
  void alawEncodeIsBitExactForAll65536Inputs() throws IOException {
    assertEncoderBitExact(golden("itu-alaw-encode-s16.bin"), false);
  }

  private static void assertEncoderBitExact(byte[] gold, boolean ulaw) {
    int mismatches = 0;
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      byte actual = ulaw ? G711.linearToUlaw((short) x) : G711.linearToAlaw((short) x);
      if (actual != gold[x + 32768]) {
        mismatches++;
      }
    }
    assertThat(mismatches).as("inputs encoded differently from ITU-T G.711").isZero();
  }

  /** Properties that follow from the standard and the independent (SoX) decoding table alone. */
  @Test
  void encodersFollowTheDecisionLevelsOfTheDecodingTable() {
    for (boolean ulaw : new boolean[] {true, false}) {
      int shift = ulaw ? 2 : 3; // μ-law works on 14 bits, A-law on 13
      int previousLevel = Integer.MIN_VALUE;
      for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
        byte code = ulaw ? G711.linearToUlaw((short) x) : G711.linearToAlaw((short) x);
        int level = ulaw ? G711.ulawToLinear(code) : G711.alawToLinear(code);
        byte mirror =
            ulaw ? G711.linearToUlaw((short) (-x - 1)) : G711.linearToAlaw((short) (-x - 1));
        assertThat(mirror).as("symmetry at %d", x).isEqualTo((byte) (code ^ 0x80));
        assertThat(level).as("monotonic at %d", x).isGreaterThanOrEqualTo(previousLevel);
        previousLevel = level;
        // Within half a step of the truncated input; the largest step is 1024 (μ-law) / 1024
        // (A-law)
        // in 16-bit units, and truncation adds less than one unit of 2^shift.
        int truncated = x >= 0 ? (x >> shift) << shift : ~((~x >> shift) << shift);
        int step = stepAt(level, ulaw);
        assertThat(Math.abs(truncated - level))
            .as("%s level %d for input %d", ulaw ? "μ-law" : "A-law", level, x)
            .isLessThanOrEqualTo(Math.max(step / 2 + (1 << shift), step));
      }
    }
  }

  /** Distance from {@code level} to the next smaller-magnitude level (its quantisation step). */
  private static int stepAt(int level, boolean ulaw) {
    int magnitude = Math.abs(level);
    int best = Integer.MAX_VALUE;
    for (int code = 0; code < 256; code++) {
      int other = Math.abs(ulaw ? G711.ulawToLinear((byte) code) : G711.alawToLinear((byte) code));
      if (other != magnitude && Math.abs(other - magnitude) < best) {
        best = Math.abs(other - magnitude);
      }
    }
    return best;
  }

  @Test
  void silenceCodes() {
    assertThat(G711.linearToUlaw((short) 0)).isEqualTo(G711.ULAW_SILENCE);
    assertThat(G711.ulawToLinear(G711.ULAW_SILENCE)).isZero();
    assertThat(G711.linearToAlaw((short) 0)).isEqualTo(G711.ALAW_SILENCE);
    assertThat(G711.alawToLinear(G711.ALAW_SILENCE)).isEqualTo((short) 8);
  }

  @Test
  void everyCodeRoundTripsThroughItsDecodedLevel() {
    for (int code = 0; code < 256; code++) {
      byte c = (byte) code;
      // μ-law has two zero codes (0x7F and 0xFF); both decode to 0, which encodes to 0xFF.
      byte expectedU = (code == 0x7F) ? G711.ULAW_SILENCE : c;
      assertThat(G711.linearToUlaw(G711.ulawToLinear(c))).isEqualTo(expectedU);
      assertThat(G711.linearToAlaw(G711.alawToLinear(c))).isEqualTo(c);
    }
  }

  @Test
  void bulkMethodsAgreeWithPerSample() {
    short[] in = new short[2000];
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) (i * 37 - 30000);
    }
    byte[] u = new byte[in.length];
    byte[] a = new byte[in.length];
    G711.encodeUlaw(in, 0, u, 0, in.length);
    G711.encodeAlaw(in, 0, a, 0, in.length);
    short[] du = new short[in.length];
    short[] da = new short[in.length];
    G711.decodeUlaw(u, 0, du, 0, in.length);
    G711.decodeAlaw(a, 0, da, 0, in.length);
    for (int i = 0; i < in.length; i++) {
      assertThat(u[i]).isEqualTo(G711.linearToUlaw(in[i]));
      assertThat(a[i]).isEqualTo(G711.linearToAlaw(in[i]));
      assertThat(du[i]).isEqualTo(G711.ulawToLinear(u[i]));
      assertThat(da[i]).isEqualTo(G711.alawToLinear(a[i]));
    }
  }
}
