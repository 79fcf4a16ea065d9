package dev.switchboard.testkit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Signals;
import dev.switchboard.transcoding.g711.G711;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake's server VAD fed as the fake feeds it: 20 ms appends of base64 audio read without
 * decoding (every third PCM16 sample), against full-resolution decoding of the same audio.
 */
class EnergyVadTest {

  /** Session defaults: threshold 0.5 (-40 dBFS), 500 ms silence, 300 ms prefix padding. */
  private static List<String> vadOverAppends(short[] pcm, FakeAudio format, int appendMillis) {
    List<String> changes = new ArrayList<>();
    EnergyVad vad =
        new EnergyVad(format.sampleRateHz, 0.5, 500, 300, (c, ms) -> changes.add(c + "@" + ms));
    int perAppend = format.sampleRateHz * appendMillis / 1000;
    for (int from = 0; from < pcm.length; from += perAppend) {
      int n = Math.min(perAppend, pcm.length - from);
      short[] chunk = java.util.Arrays.copyOfRange(pcm, from, from + n);
      byte[] b64 = Base64.getEncoder().encode(wire(chunk, format));
      assertThat(Base64Audio.isValid(b64, 0, b64.length)).isTrue();
      assertThat(Base64Audio.decodedLength(b64, 0, b64.length))
          .isEqualTo(wire(chunk, format).length);
      Base64Audio.feed(b64, 0, b64.length, format, vad);
    }
    assertThat(vad.receivedMs()).isEqualTo(pcm.length * 1000L / format.sampleRateHz);
    return changes;
  }

  private static List<String> vadFullResolution(short[] pcm, int sampleRateHz) {
    List<String> changes = new ArrayList<>();
    new EnergyVad(sampleRateHz, 0.5, 500, 300, (c, ms) -> changes.add(c + "@" + ms)).feed(pcm);
    return changes;
  }

  private static byte[] wire(short[] pcm, FakeAudio format) {
    if (format == FakeAudio.PCM16_24K) {
      return format.encode24k(pcm);
    }
    byte[] out = new byte[pcm.length];
    G711.encodeUlaw(pcm, 0, out, 0, pcm.length);
    return out;
  }

  private static short[] tone(int sampleRateHz, double hz, int millis, double dbfs) {
    short[] out = new short[sampleRateHz * millis / 1000];
    double amplitude = Math.pow(10, dbfs / 20) * Math.sqrt(2) * 32767; // RMS at dbfs
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRateHz));
    }
    return out;
  }

  private static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Test
  void toneAtMinus30DbfsStartsAndStopsATurnAtTheRightTimes() {
    for (FakeAudio format : new FakeAudio[] {FakeAudio.PCM16_24K, FakeAudio.PCMU_8K}) {
      int rate = format.sampleRateHz;
      short[] audio =
          concat(new short[rate / 2], tone(rate, 440, 1000, -30), new short[rate * 3 / 4]);
      // Speech from 500 ms: started at 510 - 10 - 300 (padding); last voiced window ends at 1500.
      assertThat(vadOverAppends(audio, format, 20))
          .as("%s", format)
          .containsExactly("STARTED@200", "STOPPED@1500");
    }
  }

  @Test
  void quietToneAndSilenceNeverStartATurn() {
    for (FakeAudio format : new FakeAudio[] {FakeAudio.PCM16_24K, FakeAudio.PCMU_8K}) {
      int rate = format.sampleRateHz;
      short[] audio =
          concat(tone(rate, 440, 1000, -60), new short[rate], tone(rate, 1000, 500, -50));
      assertThat(vadOverAppends(audio, format, 20)).as("%s", format).isEmpty();
    }
  }

  @Test
  void decimatedEnergyFindsTheSameTurnsAsFullResolutionInSpeechFromAnEightKilohertzCall() {
    // Caller audio the bridge sends: 8 kHz speech upsampled (here by sample repetition) to 24 kHz.
    short[] speech8k =
        concat(
            new short[4000],
            Signals.speechLike(3, 1500, -30, 8000, false),
            new short[8000],
            Signals.speechLike(4, 1200, -26, 8000, false),
            new short[8000]);
    short[] pcm24k = new short[speech8k.length * 3];
    for (int i = 0; i < pcm24k.length; i++) {
      pcm24k[i] = speech8k[i / 3];
    }
    List<String> decimated = vadOverAppends(pcm24k, FakeAudio.PCM16_24K, 20);
    assertThat(decimated).hasSize(4);
    assertThat(decimated).isEqualTo(vadFullResolution(pcm24k, 24000));
  }

  @Test
  void oddSizedAppendsKeepTimeExact() {
    short[] audio = concat(new short[24_000], tone(24_000, 300, 700, -30), new short[24_000]);
    // 7 ms appends: 168 samples, 56 picks each; windows straddle appends.
    assertThat(vadOverAppends(audio, FakeAudio.PCM16_24K, 7))
        .containsExactly("STARTED@700", "STOPPED@1700");
  }

  @Test
  void malformedBase64IsRefusedBeforeAnyDecoding() {
    byte[] ok = "AAEC\"".getBytes(StandardCharsets.US_ASCII);
    assertThat(Base64Audio.valueEnd(ok, 0, ok.length)).isEqualTo(4);
    for (String bad : new String[] {"AA-C\"", "AAE\"", "A=EC\"", "AAEC", "A===\""}) {
      byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
      assertThat(Base64Audio.valueEnd(b, 0, b.length)).as(bad).isEqualTo(-1);
    }
    byte[] padded = "AAE=".getBytes(StandardCharsets.US_ASCII);
    assertThat(Base64Audio.isValid(padded, 0, 4)).isTrue();
    assertThat(Base64Audio.decodedLength(padded, 0, 4)).isEqualTo(2);
  }
}
