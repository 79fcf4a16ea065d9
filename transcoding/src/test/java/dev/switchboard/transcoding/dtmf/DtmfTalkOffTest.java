package dev.switchboard.transcoding.dtmf;

import static dev.switchboard.transcoding.dtmf.DtmfSignals.detect;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.digit;
import static dev.switchboard.transcoding.dtmf.DtmfSignals.startDigits;
import static dev.switchboard.transcoding.fixtures.TestSignals.concat;
import static dev.switchboard.transcoding.fixtures.TestSignals.mix;
import static dev.switchboard.transcoding.fixtures.TestSignals.noise;
import static dev.switchboard.transcoding.fixtures.TestSignals.ulawRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.fixtures.SpeechFixtures;
import dev.switchboard.transcoding.fixtures.TestSignals.Colour;
import org.junit.jupiter.api.Test;

/** Talk-off: speech must not produce digits, and digits must survive speech around them. */
class DtmfTalkOffTest {

  @Test
  void speechFixturesProduceNoDigits() {
    for (String name : SpeechFixtures.ALL) {
      short[] speech = SpeechFixtures.load(name).samples();
      for (int gainDb : new int[] {0, 6, -12}) {
        short[] scaled = scale(speech, gainDb);
        assertThat(detect(scaled, 160)).as("%s %+d dB", name, gainDb).isEmpty();
        assertThat(detect(ulawRoundTrip(scaled), 160))
            .as("%s μ-law %+d dB", name, gainDb)
            .isEmpty();
        assertThat(detect(mix(scaled, noise(Colour.WHITE, -40, scaled.length, 8)), 160))
            .as("%s + noise %+d dB", name, gainDb)
            .isEmpty();
      }
    }
  }

  @Test
  void aDigitRightAfterSpeechIsStillFound() {
    short[] speech = SpeechFixtures.load("account-en-f3.wav").samples();
    short[] stream = concat(speech, digit('9', -15, 60), new short[400], speech);
    assertThat(startDigits(detect(stream, 160))).isEqualTo("9");
  }

  private static short[] scale(short[] in, int gainDb) {
    double gain = Math.pow(10, gainDb / 20.0);
    short[] out = new short[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(in[i] * gain)));
    }
    return out;
  }
}
