package dev.switchboard.server.wiring;

/**
 * Is there speech in a stretch of 8 kHz audio? Counts 20 ms frames at speech level and checks the
 * level moves like speech (syllables and pauses), so neither silence nor a steady tone nor noise at
 * a constant level passes.
 */
final class VoiceCheck {

  static final int FRAME = 160;

  private VoiceCheck() {}

  /** 20 ms frames louder than {@code minDbfs}. */
  static int loudFrames(short[] s, double minDbfs) {
    int n = 0;
    for (int off = 0; off + FRAME <= s.length; off += FRAME) {
      if (SpeechFixtures.rmsDbfs(s, off, off + FRAME) > minDbfs) {
        n++;
      }
    }
    return n;
  }

  /** Spread (dB) between the 90th and 10th percentile levels of the loud frames. */
  static double levelSpreadDb(short[] s, double minDbfs) {
    java.util.List<Double> levels = new java.util.ArrayList<>();
    for (int off = 0; off + FRAME <= s.length; off += FRAME) {
      double db = SpeechFixtures.rmsDbfs(s, off, off + FRAME);
      if (db > minDbfs) {
        levels.add(db);
      }
    }
    if (levels.size() < 10) {
      return 0;
    }
    levels.sort(null);
    return levels.get(levels.size() * 9 / 10) - levels.get(levels.size() / 10);
  }
}
