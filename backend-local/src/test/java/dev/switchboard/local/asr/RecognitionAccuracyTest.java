package dev.switchboard.local.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.Fixtures;
import dev.switchboard.local.audio.AudioPaths;
import dev.switchboard.local.audio.SpeechActivity;
import dev.switchboard.local.audio.UtteranceSegmenter;
import dev.switchboard.local.flow.SpokenDigits;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.g711.G711Decoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Intent accuracy of the production recognition path (μ-law → VAD segmentation → 16 kHz → Sphinx4
 * grammar decoding) on the espeak-ng fixtures, clean and with −30 dBFS white noise added here.
 */
class RecognitionAccuracyTest {

  private static final List<String> MENU =
      List.of("sales", "support", "leave a message", "message");
  private static final List<String> YES_NO =
      List.of("yes", "yes please", "correct", "no", "no thanks");

  /**
   * Word intents (menu choices, yes/no) must be at least 95 % right; spoken digit strings (the
   * whole number must be exact) are measured and held to a regression floor: they are the weak spot
   * of this 16 kHz model on band-limited synthetic voices, and IVRs take numbers by keypad.
   */
  @Test
  void wordIntentsAtLeast95PercentCleanAndInNoiseDigitStringsMeasured() {
    SphinxRecognizer recognizer = SphinxRecognizer.shared();
    List<String> misses = new ArrayList<>();
    int words = 0;
    int wordsRight = 0;
    int numbers = 0;
    int numbersRight = 0;
    for (Double noiseDbfs : new Double[] {null, -30.0}) {
      for (Fixtures.Utterance u : Fixtures.manifest()) {
        PcmFrame pcm = Fixtures.pcm(u.file());
        if (noiseDbfs != null) {
          pcm = Fixtures.withNoise(pcm, noiseDbfs, u.file().hashCode());
        }
        String heard = recognizer.recognize(segment(pcm), grammarFor(u));
        boolean right = intent(u, heard).equals(u.expected());
        if (u.grammar().equals("digits")) {
          numbers++;
          numbersRight += right ? 1 : 0;
        } else {
          words++;
          wordsRight += right ? 1 : 0;
        }
        if (!right) {
          misses.add(u.file() + (noiseDbfs == null ? "" : " +noise") + ": '" + heard + "'");
        }
      }
    }
    double wordAccuracy = 100.0 * wordsRight / words;
    double numberAccuracy = 100.0 * numbersRight / numbers;
    System.out.printf(
        "offline recognition: word intents %d/%d (%.1f %%), digit strings %d/%d (%.1f %%),"
            + " all %d/%d (%.1f %%); misses: %s%n",
        wordsRight,
        words,
        wordAccuracy,
        numbersRight,
        numbers,
        numberAccuracy,
        wordsRight + numbersRight,
        words + numbers,
        100.0 * (wordsRight + numbersRight) / (words + numbers),
        misses);
    assertThat(words + numbers).isGreaterThanOrEqualTo(60);
    assertThat(wordAccuracy)
        .as("word intent accuracy, misses: %s", misses)
        .isGreaterThanOrEqualTo(95.0);
    assertThat(numberAccuracy)
        .as("digit string accuracy, misses: %s", misses)
        .isGreaterThanOrEqualTo(35.0);
  }

  @Test
  void wrongGrammarDoesNotInventTheExpectedIntent() {
    // "sales" decoded against yes/no must not come out as a menu intent: the test can fail.
    Fixtures.Utterance sales = Fixtures.first("sales");
    String heard =
        SphinxRecognizer.shared()
            .recognize(segment(Fixtures.pcm(sales.file())), Grammar.phrases(YES_NO));
    assertThat(heard).doesNotContain("sales");
  }

  private static Grammar grammarFor(Fixtures.Utterance u) {
    return switch (u.grammar()) {
      case "menu" -> Grammar.phrases(MENU);
      case "yesno" -> Grammar.phrases(YES_NO);
      case "digits" -> Grammar.digits(u.expected().length(), u.expected().length());
      default -> throw new IllegalArgumentException("unknown grammar kind " + u.grammar());
    };
  }

  private static String intent(Fixtures.Utterance u, String heard) {
    return switch (u.grammar()) {
      case "menu" -> heard.contains("message") ? "leave a message" : heard.replace(" please", "");
      case "yesno" -> heard.startsWith("yes") ? "yes" : heard.startsWith("no") ? "no" : heard;
      default -> {
        String d = SpokenDigits.parse(heard);
        yield d == null ? heard : d;
      }
    };
  }

  /** The session's path: 20 ms frames through the VAD segmenter, kept at 16 kHz. */
  static PcmFrame segment(PcmFrame pcm8k) {
    Resampler up = AudioPaths.toRecognizerRate(AudioFormat.PCMU_8K);
    UtteranceSegmenter seg = new UtteranceSegmenter(SpeechActivity.create(8000), 60, 500, 300);
    G711Decoder dec = new G711Decoder(dev.switchboard.transcoding.Encoding.PCMU);
    List<EncodedFrame> frames = new ArrayList<>(Fixtures.ulawFrames(pcm8k));
    frames.addAll(Fixtures.silence(600));
    long ms = 0;
    for (EncodedFrame f : frames) {
      PcmFrame p = dec.decode(f);
      ms += 20;
      if (seg.accept(p, up.process(p), ms) == UtteranceSegmenter.Change.ENDED) {
        return dev.switchboard.local.audio.Pcm16.fromLittleEndian(seg.takeUtterance(), 16000);
      }
    }
    throw new AssertionError("the segmenter found no complete utterance");
  }
}
