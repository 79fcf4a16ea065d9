package dev.switchboard.local.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import dev.switchboard.transcoding.PcmFrame;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * FreeTTS diphone synthesis with the bundled CMU "kal" voice: {@code kevin} at 8 kHz (telephone
 * outputs need no resampling) and {@code kevin16} at 16 kHz. A FreeTTS {@link Voice} is not
 * thread-safe, so each rate keeps a pool of allocated voices; a call borrows one per response.
 * FreeTTS splits text into sentences and outputs each as soon as it is synthesised, which is what
 * streams audio out before the whole prompt is done.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

  private static volatile FreeTtsSynthesizer shared;

  private final BlockingQueue<PooledVoice> voices8k = new LinkedBlockingQueue<>();
  private final BlockingQueue<PooledVoice> voices16k = new LinkedBlockingQueue<>();

  /** The process-wide synthesiser; voices are allocated on demand and reused. */
  public static FreeTtsSynthesizer shared() {
    FreeTtsSynthesizer s = shared;
    if (s == null) {
      synchronized (FreeTtsSynthesizer.class) {
        s = shared;
        if (s == null) {
          s = new FreeTtsSynthesizer();
          s.release(s.allocate(8000)); // load the lexicon and voice data off the call path
          shared = s;
        }
      }
    }
    return s;
  }

  @Override
  public boolean supportsRate(int sampleRateHz) {
    return sampleRateHz == 8000 || sampleRateHz == 16000;
  }

  @Override
  public boolean synthesize(String text, int sampleRateHz, Predicate<PcmFrame> sink) {
    if (!supportsRate(sampleRateHz)) {
      throw new IllegalArgumentException(
          "FreeTTS kal voices speak at 8000 or 16000 Hz, not " + sampleRateHz);
    }
    PooledVoice v = borrow(sampleRateHz);
    try {
      v.player.start(sink, sampleRateHz);
      v.voice.speak(text);
      return !v.player.stopped();
    } finally {
      v.player.finish();
      release(v);
    }
  }

  private PooledVoice borrow(int rateHz) {
    PooledVoice v = (rateHz == 8000 ? voices8k : voices16k).poll();
    return v != null ? v : allocate(rateHz);
  }

  private void release(PooledVoice v) {
    (v.rateHz == 8000 ? voices8k : voices16k).add(v);
  }

  private PooledVoice allocate(int rateHz) {
    String name = rateHz == 8000 ? "kevin" : "kevin16";
    for (Voice voice : new KevinVoiceDirectory().getVoices()) {
      if (voice.getName().equals(name)) {
        voice.allocate();
        StreamingPlayer player = new StreamingPlayer();
        voice.setAudioPlayer(player);
        return new PooledVoice(voice, player, rateHz);
      }
    }
    throw new IllegalStateException("FreeTTS voice " + name + " is not in the freetts jar");
  }

  @Override
  public String toString() {
    return "freetts(kal diphone, 8/16 kHz)";
  }

  private record PooledVoice(Voice voice, StreamingPlayer player, int rateHz) {}
}
