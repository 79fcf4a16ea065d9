package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.opus.OpusAudioEncoder;
import dev.switchboard.transcoding.opus.OpusConfig;
import dev.switchboard.transcoding.opus.OpusPackets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes mono Ogg Opus (RFC 7845): an OpusHead page, an OpusTags page, then audio pages of up to
 * one second of packets.
 *
 * <p>Either feed PCM ({@link #write(PcmFrame)}, any frame length; encoded here) or already encoded
 * Opus packets ({@link #write(EncodedFrame)}), not both. A page's granule position is the number of
 * 48 kHz samples decoded from all packets completed so far, pre-skip included (RFC 7845 §4); on
 * close the PCM path encodes enough silence to flush the encoder's look-ahead and sets the final
 * granule so that players trim the file to exactly the samples written (§4.5).
 */
public final class OggOpusWriter implements AudioWriter {

  private static final int PACKETS_PER_PAGE = 50;
  private static final String VENDOR = "switchboard (Concentus)";

  private final Path file;
  private final FileChannel channel;
  private final OggPageWriter pages;
  private final OpusAudioEncoder encoder;
  private final AudioFormat format;
  private final int preSkip48k;
  private final short[] pending;
  private final List<byte[]> pagePackets = new ArrayList<>();
  private int pendingSamples;
  private int pageSegments;
  private long inputSamples;
  private long encodedSamples;
  private long granule;
  private Boolean pcmMode;
  private boolean closed;

  private OggOpusWriter(Path file, FileChannel channel, OpusConfig config) throws IOException {
    this.file = file;
    this.channel = channel;
    this.pages = new OggPageWriter(channel, ThreadLocalRandom.current().nextInt());
    this.encoder = new OpusAudioEncoder(config);
    this.format = new AudioFormat(Encoding.OPUS, config.sampleRateHz(), 1);
    this.preSkip48k = encoder.lookaheadSamples() * (48_000 / config.sampleRateHz());
    this.pending = new short[config.frameSamples()];
    writeHeaders(config.sampleRateHz());
  }

  /**
   * A writer whose PCM input is encoded with {@code config} (FEC is useless in a file: turn it off
   * to spend the bits on the audio).
   */
  public static OggOpusWriter create(Path file, OpusConfig config) throws IOException {
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      return new OggOpusWriter(file, channel, config);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Pre-skip written in OpusHead, in 48 kHz samples. */
  public int preSkip48k() {
    return preSkip48k;
  }

  @Override
  public AudioFormat format() {
    return format;
  }

  /** RFC 7845 §5.1 (OpusHead) and §5.2 (OpusTags), each alone on its page. */
  private void writeHeaders(int inputRateHz) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
    head.put("OpusHead".getBytes(StandardCharsets.US_ASCII));
    head.put((byte) 1); // version
    head.put((byte) 1); // channel count
    head.putShort((short) preSkip48k);
    head.putInt(inputRateHz); // informational only
    head.putShort((short) 0); // output gain, Q7.8 dB
    head.put((byte) 0); // channel mapping family 0: mono or stereo, no mapping table
    pages.writePage(List.of(head.array()), 0, OggPageWriter.FLAG_BOS);
    byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
    ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    tags.put("OpusTags".getBytes(StandardCharsets.US_ASCII));
    tags.putInt(vendor.length).put(vendor);
    tags.putInt(0); // user comment list length
    pages.writePage(List.of(tags.array()), 0, 0);
  }

  @Override
  public void write(PcmFrame frame) throws IOException {
    mode(true);
    if (frame.sampleRateHz() != format.sampleRateHz()) {
      throw new IllegalArgumentException(
          this + " takes " + format.sampleRateHz() + " Hz frames, got " + frame.sampleRateHz());
    }
    short[] s = frame.samples();
    inputSamples += s.length;
    for (int off = 0; off < s.length; ) {
      int n = Math.min(pending.length - pendingSamples, s.length - off);
      System.arraycopy(s, off, pending, pendingSamples, n);
      pendingSamples += n;
      off += n;
      if (pendingSamples == pending.length) {
        encodePending();
      }
    }
  }

  private void encodePending() throws IOException {
    EncodedFrame packet = encoder.encode(new PcmFrame(pending.clone(), format.sampleRateHz()));
    encodedSamples += pending.length;
    pendingSamples = 0;
    addPacket(packet.payload());
  }

  @Override
  public void write(EncodedFrame frame) throws IOException {
    mode(false);
    if (frame.format().encoding() != Encoding.OPUS) {
      throw new IllegalArgumentException(this + " takes Opus packets, got " + frame.format());
    }
    addPacket(frame.payload());
  }

  private void mode(boolean pcm) {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    if (pcmMode == null) {
      pcmMode = pcm;
    } else if (pcmMode != pcm) {
      throw new IllegalStateException(this + ": do not mix PCM frames and Opus packets");
    }
  }

  private void addPacket(byte[] packet) throws IOException {
    int segments = OggPageWriter.segmentsFor(packet.length);
    if (pageSegments + segments > OggPageWriter.MAX_SEGMENTS) {
      writeAudioPage(0);
    }
    granule += OpusPackets.samples48k(packet);
    pagePackets.add(packet);
    pageSegments += segments;
    if (pagePackets.size() >= PACKETS_PER_PAGE) {
      writeAudioPage(0);
    }
  }

  private void writeAudioPage(int flags) throws IOException {
    pages.writePage(pagePackets, granule, flags);
    pagePackets.clear();
    pageSegments = 0;
  }

  /** Writes the packets so far as a page: the file then plays up to here. */
  @Override
  public void flush() throws IOException {
    if (!closed && !pagePackets.isEmpty()) {
      writeAudioPage(0);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (Boolean.TRUE.equals(pcmMode)) {
        // Encode silence until the look-ahead has left the encoder, then trim the end (§4.5).
        long needed = inputSamples + encoder.lookaheadSamples();
        while (encodedSamples < needed) {
          Arrays.fill(pending, pendingSamples, pending.length, (short) 0);
          encodePending();
        }
        granule = preSkip48k + inputSamples * (48_000 / format.sampleRateHz());
      }
      writeAudioPage(OggPageWriter.FLAG_EOS);
    } finally {
      closed = true;
      channel.close();
    }
  }

  @Override
  public String toString() {
    return "ogg-opus-write " + format + " " + file.getFileName();
  }
}
