package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.opus.OpusAudioDecoder;
import dev.switchboard.transcoding.opus.OpusPackets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads Ogg Opus (RFC 7845) with channel mapping family 0 (mono or stereo), decoding to mono PCM at
 * any Opus rate. Drops the pre-skip at the start and trims the end to the final granule position
 * (§4.2, §4.5); applies the OpusHead output gain.
 */
public final class OggOpusReader implements AudioReader {

  private final Path file;
  private final InputStream in;
  private final OggPacketReader packets;
  private final OpusAudioDecoder decoder;
  private final AudioFormat format;
  private final int preSkip48k;
  private final double gain;
  private long toSkip;
  private long endLimit = Long.MAX_VALUE;
  private long emitted;
  private boolean finished;
  private short[] buffered = new short[0];
  private int bufferedStart;
  private int bufferedEnd;
  private long packetIndex;

  private OggOpusReader(Path file, InputStream in, int decodeRateHz) throws IOException {
    this.file = file;
    this.in = in;
    this.packets = new OggPacketReader(file, in);
    this.decoder = new OpusAudioDecoder(decodeRateHz);
    OggPacketReader.Packet head = packets.next();
    if (head == null || !startsWith(head.data(), "OpusHead")) {
      throw new AudioFileException(file, "not an Ogg Opus file: first packet is not OpusHead");
    }
    byte[] h = head.data();
    if (h.length < 19 || (h[8] & 0xF0) != 0) {
      throw new AudioFileException(file, "unsupported OpusHead (version " + (h[8] & 0xFF) + ")");
    }
    int channels = h[9] & 0xFF;
    preSkip48k = (h[10] & 0xFF) | (h[11] & 0xFF) << 8;
    int gainQ8 = (short) ((h[16] & 0xFF) | (h[17] << 8));
    int mapping = h[18] & 0xFF;
    if (mapping != 0 || channels < 1 || channels > 2) {
      throw new AudioFileException(
          file,
          "unsupported Opus channel mapping family " + mapping + " with " + channels + " channels");
    }
    OggPacketReader.Packet tags = packets.next();
    if (tags == null || !startsWith(tags.data(), "OpusTags")) {
      throw new AudioFileException(file, "second Ogg Opus packet is not OpusTags (RFC 7845 §5.2)");
    }
    this.format = new AudioFormat(Encoding.OPUS, decodeRateHz, channels);
    this.gain = Math.pow(10, gainQ8 / (20.0 * 256)); // Q7.8 dB, RFC 7845 §5.1
    this.toSkip = rescale(preSkip48k) + decoder.addedDelaySamples();
  }

  public static OggOpusReader open(Path file, int decodeRateHz) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      return new OggOpusReader(file, in, decodeRateHz);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public AudioFormat format() {
    return format;
  }

  @Override
  public int sampleRateHz() {
    return format.sampleRateHz();
  }

  public int preSkip48k() {
    return preSkip48k;
  }

  /** The next Opus packet as stored, without decoding; null at the end. */
  public EncodedFrame readPacket() throws IOException {
    OggPacketReader.Packet p = packets.next();
    if (p == null) {
      return null;
    }
    return new EncodedFrame(format, p.data(), samplesOf(p.data()));
  }

  @Override
  public PcmFrame read(int samples) throws IOException {
    if (samples <= 0) {
      throw new IllegalArgumentException("frame size must be positive, was " + samples);
    }
    while (bufferedEnd - bufferedStart < samples && !finished) {
      decodeNext();
    }
    int n = Math.min(samples, bufferedEnd - bufferedStart);
    if (n == 0) {
      return null;
    }
    short[] out = Arrays.copyOfRange(buffered, bufferedStart, bufferedStart + n);
    bufferedStart += n;
    return new PcmFrame(out, format.sampleRateHz());
  }

  private void decodeNext() throws IOException {
    OggPacketReader.Packet p = packets.next();
    PcmFrame pcm;
    if (p == null) {
      finished = true;
      if (decoder.addedDelaySamples() == 0 || emitted >= endLimit) {
        return;
      }
      // Push the decimation filter's last samples out with a short concealment frame.
      int quantum = format.sampleRateHz() / 400;
      int tail = (decoder.addedDelaySamples() + quantum - 1) / quantum * quantum;
      pcm = decoder.conceal(tail);
    } else {
      if (p.endOfStream() && p.granule() >= preSkip48k) {
        endLimit = rescale(p.granule() - preSkip48k);
      }
      try {
        pcm = decoder.decode(new EncodedFrame(format, p.data(), samplesOf(p.data())));
      } catch (IllegalArgumentException e) {
        throw new AudioFileException(file, "Opus packet " + packetIndex + ": " + e.getMessage());
      }
      packetIndex++;
    }
    append(pcm.samples());
  }

  private void append(short[] s) {
    int from = (int) Math.min(toSkip, s.length);
    toSkip -= from;
    int n = (int) Math.max(0, Math.min(s.length - from, endLimit - emitted));
    if (bufferedStart > 0) {
      System.arraycopy(buffered, bufferedStart, buffered, 0, bufferedEnd - bufferedStart);
      bufferedEnd -= bufferedStart;
      bufferedStart = 0;
    }
    if (bufferedEnd + n > buffered.length) {
      buffered = Arrays.copyOf(buffered, Math.max(2 * buffered.length, bufferedEnd + n));
    }
    for (int i = 0; i < n; i++) {
      double v = s[from + i] * gain;
      buffered[bufferedEnd + i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    bufferedEnd += n;
    emitted += n;
  }

  private int samplesOf(byte[] packet) throws AudioFileException {
    try {
      return OpusPackets.samples(packet, format.sampleRateHz());
    } catch (IllegalArgumentException e) {
      throw new AudioFileException(file, "Opus packet " + packetIndex + ": " + e.getMessage());
    }
  }

  private long rescale(long samples48k) {
    return samples48k * format.sampleRateHz() / 48_000;
  }

  private static boolean startsWith(byte[] data, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
    return data.length >= m.length && Arrays.equals(data, 0, m.length, m, 0, m.length);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  @Override
  public String toString() {
    return "ogg-opus-read " + format + " " + file.getFileName();
  }
}
