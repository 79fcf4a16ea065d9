package dev.switchboard.local.audio;

import dev.switchboard.transcoding.PcmFrame;
import java.io.ByteArrayOutputStream;

/**
 * Cuts the caller's stream into utterances on the session's input clock (milliseconds of caller
 * audio received): speech starts after {@code onsetMillis} of speech frames, ends after {@code
 * silenceMillis} without any, and each utterance keeps {@code prefixMillis} of audio from before
 * the onset (the VAD flags a word a little after it begins; the recogniser needs its start).
 *
 * <p>Not thread-safe: owned by the session's worker.
 */
public final class UtteranceSegmenter {

  /** What one frame changed. */
  public enum Change {
    NONE,
    STARTED,
    ENDED
  }

  private final SpeechActivity vad;
  private final int onsetMillis;
  private final int silenceMillis;
  private final int prefixMillis;
  private final java.util.ArrayDeque<short[]> prefix = new java.util.ArrayDeque<>();
  private int prefixSamples;
  private final ByteArrayOutputStream utterance = new ByteArrayOutputStream();
  private boolean inSpeech;
  private int speechRunMillis;
  private int silenceRunMillis;
  private long startMs;
  private long lastSpeechEndMs;

  public UtteranceSegmenter(
      SpeechActivity vad, int onsetMillis, int silenceMillis, int prefixMillis) {
    this.vad = vad;
    this.onsetMillis = onsetMillis;
    this.silenceMillis = silenceMillis;
    this.prefixMillis = prefixMillis;
  }

  /**
   * Feeds one frame.
   *
   * @param narrowband the frame at the input rate, for the speech decision
   * @param model the same audio at the recogniser's rate, kept for the utterance
   * @param endMs input clock after this frame
   */
  public Change accept(PcmFrame narrowband, PcmFrame model, long endMs) {
    boolean speech = vad.isSpeech(narrowband);
    int frameMs = (int) (narrowband.durationMicros() / 1000);
    if (!inSpeech) {
      keepPrefix(model.samples(), model.sampleRateHz());
      speechRunMillis = speech ? speechRunMillis + frameMs : 0;
      if (speechRunMillis >= onsetMillis) {
        inSpeech = true;
        silenceRunMillis = 0;
        startMs = Math.max(0, endMs - speechRunMillis);
        utterance.reset();
        for (short[] p : prefix) {
          utterance.writeBytes(Pcm16.toLittleEndian(p));
        }
        prefix.clear();
        prefixSamples = 0;
        return Change.STARTED;
      }
      return Change.NONE;
    }
    utterance.writeBytes(Pcm16.toLittleEndian(model.samples()));
    if (speech) {
      silenceRunMillis = 0;
      return Change.NONE;
    }
    silenceRunMillis += frameMs;
    if (silenceRunMillis >= silenceMillis) {
      inSpeech = false;
      speechRunMillis = 0;
      lastSpeechEndMs = endMs - silenceRunMillis;
      return Change.ENDED;
    }
    return Change.NONE;
  }

  public boolean inSpeech() {
    return inSpeech;
  }

  /** Input-clock time the current or last utterance started. */
  public long startMs() {
    return startMs;
  }

  /** Input-clock time the last utterance's speech ended (before the closing silence). */
  public long endMs() {
    return lastSpeechEndMs;
  }

  /** The last utterance at the recogniser's rate, little-endian 16-bit, and forgets it. */
  public byte[] takeUtterance() {
    byte[] b = utterance.toByteArray();
    utterance.reset();
    return b;
  }

  /** Drops the utterance in progress (caller audio cleared or a prompt that may not be cut). */
  public void abandon() {
    inSpeech = false;
    speechRunMillis = 0;
    utterance.reset();
  }

  private void keepPrefix(short[] s, int rateHz) {
    prefix.addLast(s.clone());
    prefixSamples += s.length;
    int max = rateHz * prefixMillis / 1000;
    while (prefixSamples - prefix.peekFirst().length >= max) {
      prefixSamples -= prefix.removeFirst().length;
    }
  }
}
