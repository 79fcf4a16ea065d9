package dev.switchboard.transcoding.vad;

/**
 * What the VAD concluded about one frame.
 *
 * @param speechProbability score in [0, 1] of the most speech-like 10 ms block of the frame, before
 *     hangover
 * @param speech the smoothed decision: true if any block of the frame is speech or in hangover
 * @param energyDbfs full-band mean power of the frame relative to a full-scale square wave ({@code
 *     10·log10(mean(x²) / 32768²)}, so a full-scale sine is −3.01 dBFS); {@link
 *     Double#NEGATIVE_INFINITY} for digital silence
 * @param noiseFloorDbfs the current noise estimate summed over the analysis bands, same reference
 */
public record VadResult(
    double speechProbability, boolean speech, double energyDbfs, double noiseFloorDbfs) {

  public VadResult {
    if (!(speechProbability >= 0 && speechProbability <= 1)) {
      throw new IllegalArgumentException("speechProbability not in [0, 1]: " + speechProbability);
    }
  }
}
