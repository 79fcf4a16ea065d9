package dev.switchboard.bridge.bargein;

/**
 * Default speech classifier: frame energy against an adaptive noise floor. The floor follows
 * quieter frames at once and rises slowly (3 dB/s at 20 ms frames), so stationary line noise is
 * learned in a few hundred ms while a talker never becomes "noise" within a turn. A frame scores as
 * speech when it stands {@code onsetSnrDb} above the floor and above {@code minEnergyDbfs}.
 *
 * <p>One instance per call; confined to the thread feeding it.
 */
public final class EnergyOnsetClassifier implements SpeechClassifier {

  private static final double FLOOR_RISE_DB_PER_FRAME = 0.06;
  private static final double INITIAL_FLOOR_DBFS = -60;

  private final double onsetSnrDb;
  private final double minEnergyDbfs;
  private double floorDbfs = INITIAL_FLOOR_DBFS;

  public EnergyOnsetClassifier(double onsetSnrDb, double minEnergyDbfs) {
    this.onsetSnrDb = onsetSnrDb;
    this.minEnergyDbfs = minEnergyDbfs;
  }

  /** 12 dB over the noise floor and at least -45 dBFS. */
  public static EnergyOnsetClassifier defaults() {
    return new EnergyOnsetClassifier(12, -45);
  }

  @Override
  public SpeechScore classify(short[] samples, int sampleRateHz) {
    double db = Levels.dbfs(Levels.meanSquare(samples));
    return score(db);
  }

  /** Scores a frame whose level is already known (the echo canceller's residual). */
  public SpeechScore score(double energyDbfs) {
    double snr = energyDbfs - floorDbfs;
    // Logistic around the onset threshold: 0.5 exactly at onsetSnrDb, ~0.95 at +4 dB.
    double p = 1 / (1 + Math.exp(-(snr - onsetSnrDb) * 0.75));
    if (energyDbfs < minEnergyDbfs) {
      p = Math.min(p, 0.2);
    }
    floorDbfs =
        energyDbfs < floorDbfs
            ? Math.max(energyDbfs, Levels.SILENCE_DBFS)
            : floorDbfs + FLOOR_RISE_DB_PER_FRAME;
    return new SpeechScore(p, energyDbfs);
  }

  public double noiseFloorDbfs() {
    return floorDbfs;
  }

  @Override
  public void reset() {
    floorDbfs = INITIAL_FLOOR_DBFS;
  }

  @Override
  public String toString() {
    return "EnergyOnsetClassifier[snr>=" + onsetSnrDb + " dB, level>=" + minEnergyDbfs + " dBFS]";
  }
}
