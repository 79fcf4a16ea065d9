package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads interleaved per-sample audio (pcm16, f32, μ-law, A-law; mono or stereo) from a stream
 * positioned at the first sample, up to a byte limit. Shared by {@link WavReader} and {@link
 * RawReader}.
 */
abstract sealed class SampleReader implements AudioReader permits WavReader, RawReader {

  private final InputStream in;
  private final AudioFormat format;
  private final int bytesPerFrame;
  private long remainingBytes;

  SampleReader(InputStream in, AudioFormat format, long dataBytes) {
    this.in = in;
    this.format = format;
    this.bytesPerFrame = format.encoding().bytesPerSample() * format.channels();
    this.remainingBytes = dataBytes;
  }

  @Override
  public final AudioFormat format() {
    return format;
  }

  @Override
  public final int sampleRateHz() {
    return format.sampleRateHz();
  }

  /**
   * The next {@code samples} samples per channel in the stored format, interleaved if stereo;
   * shorter only at the end; {@code null} at the end. A trailing partial sample is ignored.
   */
  public final EncodedFrame readEncoded(int samples) throws IOException {
    if (samples <= 0) {
      throw new IllegalArgumentException("frame size must be positive, was " + samples);
    }
    long want = Math.min((long) samples * bytesPerFrame, remainingBytes);
    byte[] bytes = in.readNBytes((int) want);
    remainingBytes -= bytes.length;
    int whole = bytes.length / bytesPerFrame;
    if (whole == 0) {
      remainingBytes = 0;
      return null;
    }
    if (whole * bytesPerFrame != bytes.length) {
      byte[] trimmed = new byte[whole * bytesPerFrame];
      System.arraycopy(bytes, 0, trimmed, 0, trimmed.length);
      bytes = trimmed;
      remainingBytes = 0;
    }
    return new EncodedFrame(format, bytes, whole);
  }

  @Override
  public final PcmFrame read(int samples) throws IOException {
    EncodedFrame frame = readEncoded(samples);
    if (frame == null) {
      return null;
    }
    int n = frame.samples() * format.channels();
    short[] interleaved = new short[n];
    SampleCodec.decode(format.encoding(), frame.payload(), interleaved, n);
    if (format.channels() == 1) {
      return new PcmFrame(interleaved, format.sampleRateHz());
    }
    short[] mono = new short[frame.samples()];
    for (int i = 0; i < mono.length; i++) {
      mono[i] = (short) ((interleaved[2 * i] + interleaved[2 * i + 1]) >> 1);
    }
    return new PcmFrame(mono, format.sampleRateHz());
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
