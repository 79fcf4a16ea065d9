package dev.switchboard.local.tts;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.switchboard.local.audio.Pcm16;
import dev.switchboard.transcoding.PcmFrame;
import java.util.function.Predicate;

/**
 * A FreeTTS {@link AudioPlayer} that plays nothing: it turns each chunk FreeTTS writes (16-bit
 * big-endian PCM at the voice's rate) into a {@link PcmFrame} for the current response's sink.
 * Returning {@code false} from {@code write} is FreeTTS's signal to stop the utterance.
 */
final class StreamingPlayer implements AudioPlayer {

  private javax.sound.sampled.AudioFormat format;
  private volatile Predicate<PcmFrame> sink;
  private volatile boolean stopped;
  private int rateHz;
  private byte odd = 0;
  private boolean hasOdd;

  void start(Predicate<PcmFrame> newSink, int sampleRateHz) {
    sink = newSink;
    rateHz = sampleRateHz;
    stopped = false;
    hasOdd = false;
  }

  void finish() {
    sink = null;
  }

  boolean stopped() {
    return stopped;
  }

  @Override
  public boolean write(byte[] audio, int offset, int length) {
    Predicate<PcmFrame> s = sink;
    if (s == null || stopped) {
      return false;
    }
    // Chunks may split a sample; carry the odd byte to the next write.
    byte[] b = audio;
    int off = offset;
    int len = length;
    if (hasOdd) {
      b = new byte[length + 1];
      b[0] = odd;
      System.arraycopy(audio, offset, b, 1, length);
      off = 0;
      len = length + 1;
      hasOdd = false;
    }
    if ((len & 1) == 1) {
      odd = b[off + len - 1];
      hasOdd = true;
      len--;
    }
    if (len > 0 && !s.test(new PcmFrame(Pcm16.fromBigEndian(b, off, len), rateHz))) {
      stopped = true;
      return false;
    }
    return true;
  }

  @Override
  public boolean write(byte[] audio) {
    return write(audio, 0, audio.length);
  }

  @Override
  public void setAudioFormat(javax.sound.sampled.AudioFormat f) {
    format = f;
  }

  @Override
  public javax.sound.sampled.AudioFormat getAudioFormat() {
    return format;
  }

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void reset() {}

  @Override
  public boolean drain() {
    return true;
  }

  @Override
  public void begin(int size) {}

  @Override
  public boolean end() {
    return !stopped;
  }

  @Override
  public void cancel() {
    stopped = true;
  }

  @Override
  public void close() {}

  @Override
  public float getVolume() {
    return 1f;
  }

  @Override
  public void setVolume(float volume) {}

  @Override
  public long getTime() {
    return 0;
  }

  @Override
  public void resetTime() {}

  @Override
  public void startFirstSampleTimer() {}

  @Override
  public void showMetrics() {}
}
