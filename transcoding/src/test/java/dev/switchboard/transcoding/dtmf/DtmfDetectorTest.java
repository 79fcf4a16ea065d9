package dev.switchboard.transcoding.dtmf;

import static dev.switchboard.transcoding.dtmf.DtmfSignals.colHz;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.detect;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.digit;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.pair;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.rowHz;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.startDigits;
import static dev.switchboard.transcoding.fixtures.TestSignals.concat;
import static dev.switchboard.transcoding.fixtures.TestSignals.mix;
import static dev.switchboard.transcoding.fixtures.TestSignals.noise;
import static dev.switchboard.transcoding.fixtures.TestSignals.ulawRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.fixtures.TestSignals.Colour;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtmfDetectorTest {

  @ParameterizedTest(name = "{0} dBm0 per tone, {1} ms")
  @CsvSource({"-5, 40", "-5, 200", "-15, 60", "-15, 40", "-25, 40", "-25, 100"})
  void everyDigitIsOneEventWithItsStartAndDuration(int dbm0, int millis) {
    long worstStartError = 0;
    long worstDurationError = 0;
    for (int k = 0; k < DtmfEvent.DIGITS.length(); k++) {
      char key = DtmfEvent.DIGITS.charAt(k);
      int lead = 400 + 13 * k; // varies the alignment with the detector's blocks
      short[] stream = concat(new short[lead], digit(key, dbm0, millis), new short[800]);
      List<DtmfEvent> events = detect(stream, 160);
      assertThat(events).as("%s at %d dBm0, %d ms", key, dbm0, millis).hasSize(2);
      DtmfEvent start = events.get(0);
      DtmfEvent end = events.get(1);
      assertThat(start.digit()).isEqualTo(key);
      assertThat(start.ended()).isFalse();
      assertThat(end.ended()).isTrue();
      assertThat(end.digit()).isEqualTo(key);
      assertThat(end.startSampleIndex()).isEqualTo(start.startSampleIndex());
      assertThat(start.startSampleIndex()).as("start of %s", key).isBetween(lead - 16L, lead + 16L);
      assertThat(end.durationSamples())
          .as("duration of %s", key)
          .isBetween(millis * 8L - 32, millis * 8L + 32);
      worstStartError = Math.max(worstStartError, Math.abs(start.startSampleIndex() - lead));
      worstDurationError =
          Math.max(worstDurationError, Math.abs(end.durationSamples() - millis * 8L));
    }
    System.out.printf(
        "DTMF %d dBm0 %d ms, 16 digits: worst start error %d samples, worst duration error %d"
            + " samples%n",
        dbm0, millis, worstStartError, worstDurationError);
  }

  @Test
  void frameSizeDoesNotChangeTheResult() {
    short[] stream =
        concat(
            new short[333],
            digit('7', -12, 90),
            new short[500],
            digit('D', -12, 50),
            new short[400]);
    List<DtmfEvent> reference = detect(stream, 160);
    assertThat(startDigits(reference)).isEqualTo("7D");
    for (int frame : new int[] {1, 37, 80, 102, 1000}) {
      assertThat(detect(stream, frame)).as("%d-sample frames", frame).isEqualTo(reference);
    }
  }

  @ParameterizedTest(name = "row {0} %, column {1} %")
  @CsvSource({"1.5, 1.5", "-1.5, -1.5", "1.5, -1.5", "-1.5, 1.5", "0, 1.5", "-1.5, 0"})
  void frequencyDeviationOf1Point5PercentIsAccepted(double rowPercent, double colPercent) {
    for (char key : DtmfEvent.DIGITS.toCharArray()) {
      short[] tone =
          pair(
              rowHz(key) * (1 + rowPercent / 100),
              -20,
              colHz(key) * (1 + colPercent / 100),
              -20,
              480);
      assertThat(startDigits(detect(concat(new short[300], tone, new short[400]), 160)))
          .as("%s", key)
          .isEqualTo(String.valueOf(key));
    }
  }

  @ParameterizedTest(name = "row {0} %, column {1} %")
  @CsvSource({"3.5, 0", "-3.5, 0", "0, 3.5", "0, -3.5", "3.5, 3.5", "-5, -5"})
  void frequencyDeviationOf3Point5PercentIsRejected(double rowPercent, double colPercent) {
    for (char key : DtmfEvent.DIGITS.toCharArray()) {
      short[] tone =
          pair(
              rowHz(key) * (1 + rowPercent / 100),
              -10,
              colHz(key) * (1 + colPercent / 100),
              -10,
              800);
      assertThat(detect(concat(new short[300], tone, new short[400]), 160)).as("%s", key).isEmpty();
    }
  }

  @ParameterizedTest(name = "row {0} dBm0, column {1} dBm0 -> {2}")
  @CsvSource({
    "-18, -10, true", "-10, -14, true", "-28, -20, true", "-20, -24, true",
    "-20, -10, false", "-10, -16, false", "-28, -18, false", "-20, -26, false"
  })
  void twistWithinQ24LimitsIsAcceptedAndBeyondIsRejected(int rowDbm0, int colDbm0, boolean accept) {
    for (char key : DtmfEvent.DIGITS.toCharArray()) {
      short[] tone = pair(rowHz(key), rowDbm0, colHz(key), colDbm0, 480);
      String detected = startDigits(detect(concat(new short[250], tone, new short[400]), 160));
      assertThat(detected).as("%s", key).isEqualTo(accept ? String.valueOf(key) : "");
    }
  }

  @Test
  void fortyMillisecondTonesAreAcceptedAndTwentyRejectedAtEveryAlignment() {
    for (int shift = 0; shift < 102; shift += 17) {
      for (char key : "159#D".toCharArray()) {
        short[] lead = new short[400 + shift];
        assertThat(startDigits(detect(concat(lead, digit(key, -20, 40), new short[400]), 160)))
            .as("40 ms %s shift %d", key, shift)
            .isEqualTo(String.valueOf(key));
        assertThat(detect(concat(lead, digit(key, -20, 20), new short[400]), 160))
            .as("20 ms %s shift %d", key, shift)
            .isEmpty();
      }
    }
  }

  @Test
  void digitsSeparatedBy40MillisecondPausesAreDistinctEvents() {
    String keys = "1234567890*#ABCD11";
    short[] stream = new short[160];
    for (char key : keys.toCharArray()) {
      stream = concat(stream, digit(key, -15, 40), new short[320]);
    }
    assertThat(startDigits(detect(stream, 160))).isEqualTo(keys);
  }

  @Test
  void aLongPressWithA5MillisecondDropoutIsOneEvent() {
    short[] stream =
        concat(
            new short[500],
            digit('5', -12, 900),
            new short[40],
            digit('5', -12, 1100),
            new short[500]);
    List<DtmfEvent> events = detect(stream, 160);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).durationMillis()).isBetween(1995.0, 2015.0);
  }

  @Test
  void detectsThroughUlawAndNoiseAtMinus25Dbm0() {
    StringBuilder keys = new StringBuilder();
    short[] stream = new short[400];
    for (char key : DtmfEvent.DIGITS.toCharArray()) {
      stream = concat(stream, digit(key, -25, 50), new short[480]);
      keys.append(key);
    }
    short[] noisy = mix(stream, noise(Colour.PINK, -45, stream.length, 4));
    assertThat(startDigits(detect(ulawRoundTrip(noisy), 160))).isEqualTo(keys.toString());
  }

  @Test
  void noiseAndTooWeakTonesAreNotDigits() {
    for (Colour colour : Colour.values()) {
      for (int dbfs : new int[] {-45, -20}) {
        assertThat(detect(noise(colour, dbfs, 3 * 8000, dbfs * 31L), 160))
            .as("%s %d dBFS", colour, dbfs)
            .isEmpty();
      }
    }
    assertThat(detect(digit('3', -36, 200), 160)).isEmpty();
  }

  @Test
  void rejectsOtherRatesNamingTheRate() {
    assertThatThrownBy(() -> new DtmfDetector().process(PcmFrame.silence(16000, 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16000");
    assertThatThrownBy(() -> DtmfEvent.started('E', 0)).hasMessageContaining("'E'");
  }
}
