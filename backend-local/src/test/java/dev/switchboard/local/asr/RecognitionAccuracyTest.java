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

  @Test
  void atLeast95PercentOfIntentsAreRecognisedCleanAndInNoise() {
    SphinxRecognizer recognizer = SphinxRecognizer.shared();
    List<String> misses = new ArrayList<>();
    int total = 0;
    int correct = 0;
    for (Double noiseDbfs : new Double[] {null, -30.0}) {
      for (Fixtures.Utterance u : Fixtures.manifest()) {
        PcmFrame pcm = Fixtures.pcm(u.file());
        if (noiseDbfs != null) {
          pcm = Fixtures.withNoise(pcm, noiseDbfs, u.file().hashCode());
        }
        String heard = recognizer.recognize(segment(pcm), grammarFor(u));
        total++;
        if (intent(u, heard).equals(u.expected())) {
          correct++;
        } else {
          misses.add(u.file() + (noiseDbfs == null ? "" : " +noise") + ": '" + heard + "'");
        }
      }
    }
    double accuracy = 100.0 * correct / total;
    System.out.printf(
        "offline recognition: %d/%d intents correct (%.1f %%); misses: %s%n",
        correct, total, accuracy, misses);
    assertThat(total).isGreaterThanOrEqualTo(60);
    assertThat(accuracy).as("intent accuracy, misses: %s", misses).isGreaterThanOrEqualTo(95.0);
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
