package dev.switchboard.transcoding.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Reassembles the packets of the first logical bitstream of an Ogg file (RFC 3533 §6), checking
 * every page's capture pattern, version and CRC. Pages of other logical streams are skipped.
 */
final class OggPacketReader {

  /**
   * A packet and what its page says about it.
   *
   * @param granule the page's granule position if this is the last packet completed on the page,
   *     else -1
   * @param endOfStream whether this is the last packet of an end-of-stream page
   */
  record Packet(byte[] data, long granule, boolean endOfStream) {}

  private final Path file;
  private final InputStream in;
  private final ArrayDeque<Packet> ready = new ArrayDeque<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private long offset;
  private Integer serial;
  private int pages;

  OggPacketReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** The next packet, or null at the end of the file. */
  Packet next() throws IOException {
    while (ready.isEmpty()) {
      if (!readPage()) {
        return null;
      }
    }
    return ready.poll();
  }

  private boolean readPage() throws IOException {
    long pageOffset = offset;
    byte[] header = in.readNBytes(27);
    offset += header.length;
    if (header.length == 0) {
      return false;
    }
    if (header.length < 4
        || header[0] != 'O'
        || header[1] != 'g'
        || header[2] != 'g'
        || header[3] != 'S') {
      throw new AudioFileException(
          file,
          (pageOffset == 0 ? "not an Ogg file" : "lost Ogg capture pattern")
              + " at byte "
              + pageOffset);
    }
    if (header.length < 27) {
      throw new AudioFileException(file, "truncated Ogg page header at byte " + pageOffset);
    }
    if (header[4] != 0) {
      throw new AudioFileException(file, "unsupported Ogg stream structure version " + header[4]);
    }
    int flags = header[5] & 0xFF;
    long granule = le(header, 6, 8);
    int pageSerial = (int) le(header, 14, 4);
    int storedCrc = (int) le(header, 22, 4);
    byte[] lacing = readFully(header[26] & 0xFF, pageOffset);
    int bodyBytes = 0;
    for (byte l : lacing) {
      bodyBytes += l & 0xFF;
    }
    byte[] body = readFully(bodyBytes, pageOffset);
    Arrays.fill(header, 22, 26, (byte) 0);
    int crc = OggCrc.update(0, header, 0, 27);
    crc = OggCrc.update(crc, lacing, 0, lacing.length);
    crc = OggCrc.update(crc, body, 0, body.length);
    if (crc != storedCrc) {
      throw new AudioFileException(
          file,
          String.format(
              "Ogg page %d at byte %d fails its CRC (stored %08X, computed %08X)",
              pages, pageOffset, storedCrc, crc));
    }
    pages++;
    if (serial == null) {
      serial = pageSerial;
    } else if (serial != pageSerial) {
      return true; // another logical stream multiplexed in: not ours
    }
    if ((flags & OggPageWriter.FLAG_CONTINUED) == 0) {
      partial.reset(); // a packet left open by a lost page cannot be completed
    }
    int pos = 0;
    int lastComplete = -1;
    for (int i = 0; i < lacing.length; i++) {
      if ((lacing[i] & 0xFF) < 255) {
        lastComplete = i;
      }
    }
    for (int i = 0; i < lacing.length; i++) {
      int len = lacing[i] & 0xFF;
      partial.write(body, pos, len);
      pos += len;
      if (len < 255) {
        boolean last = i == lastComplete;
        boolean eos = last && (flags & OggPageWriter.FLAG_EOS) != 0;
        ready.add(new Packet(partial.toByteArray(), last ? granule : -1, eos));
        partial.reset();
      }
    }
    return true;
  }

  private byte[] readFully(int n, long pageOffset) throws IOException {
    byte[] b = in.readNBytes(n);
    offset += b.length;
    if (b.length < n) {
      throw new AudioFileException(file, "truncated Ogg page at byte " + pageOffset);
    }
    return b;
  }

  private static long le(byte[] b, int off, int len) {
    long v = 0;
    for (int i = len - 1; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }
}
