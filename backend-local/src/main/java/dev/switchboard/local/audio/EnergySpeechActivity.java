package dev.switchboard.local.audio;

import dev.switchboard.transcoding.PcmFrame;

/**
 * Interim energy detector used until the transcoding VAD lands on main: a 10 ms block is speech
 * when it is both louder than {@value #MIN_SPEECH_DBFS} dBFS and {@value #MARGIN_DB} dB above a
 * tracked noise floor. The floor follows quieter blocks at once and rises slowly (about 3 dB per
 * second), so steady noise at −30 dBFS is learnt within a second and speech onsets stand out.
 */
final class EnergySpeechActivity implements SpeechActivity {

  private static final double MIN_SPEECH_DBFS = -40;
  private static final double MARGIN_DB = 9;
  private static final double FLOOR_RISE_DB_PER_BLOCK = 0.03;
  private static final double FULL_SCALE_POWER = 32768.0 * 32768.0;

  private double floorDbfs = -60;
  private boolean started;

  @Override
  public boolean isSpeech(PcmFrame frame) {
    short[] s = frame.samples();
    int block = frame.sampleRateHz() / 100;
    boolean speech = false;
    for (int off = 0; off + block <= s.length; off += block) {
      double power = 0;
      for (int i = off; i < off + block; i++) {
        power += (double) s[i] * s[i];
      }
      double dbfs = 10 * Math.log10(power / block / FULL_SCALE_POWER + 1e-12);
      if (!started) {
        floorDbfs = Math.max(dbfs, -80);
        started = true;
      }
      boolean blockSpeech = dbfs > MIN_SPEECH_DBFS && dbfs > floorDbfs + MARGIN_DB;
      floorDbfs = dbfs < floorDbfs ? dbfs : floorDbfs + FLOOR_RISE_DB_PER_BLOCK;
      speech |= blockSpeech;
    }
    return speech;
  }
}
