package dev.switchboard.transcoding.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;

/** Writes the pages of one logical Ogg bitstream (RFC 3533 §6), each page ending on a packet. */
final class OggPageWriter {

  static final int FLAG_CONTINUED = 0x01;
  static final int FLAG_BOS = 0x02;
  static final int FLAG_EOS = 0x04;

  /** Lacing values per page are counted in one byte (RFC 3533 §6, "page_segments"). */
  static final int MAX_SEGMENTS = 255;

  private final FileChannel channel;
  private final int serial;
  private int sequence;

  OggPageWriter(FileChannel channel, int serial) {
    this.channel = channel;
    this.serial = serial;
  }

  /** Lacing values a packet of this size needs: one per 255 bytes plus a terminating value. */
  static int segmentsFor(int packetBytes) {
    return packetBytes / 255 + 1;
  }

  /**
   * Writes one page holding {@code packets}, all of which complete on it.
   *
   * @param granule the stream position after the last packet (codec-defined; Opus: 48 kHz samples)
   */
  void writePage(List<byte[]> packets, long granule, int flags) throws IOException {
    int segments = 0;
    int bodyBytes = 0;
    for (byte[] p : packets) {
      segments += segmentsFor(p.length);
      bodyBytes += p.length;
    }
    if (segments > MAX_SEGMENTS) {
      throw new IllegalArgumentException(segments + " lacing values do not fit one Ogg page");
    }
    ByteBuffer page = ByteBuffer.allocate(27 + segments + bodyBytes).order(ByteOrder.LITTLE_ENDIAN);
    page.put((byte) 'O').put((byte) 'g').put((byte) 'g').put((byte) 'S');
    page.put((byte) 0); // stream_structure_version
    page.put((byte) flags);
    page.putLong(granule);
    page.putInt(serial);
    page.putInt(sequence++);
    page.putInt(0); // checksum, filled below
    page.put((byte) segments);
    for (byte[] p : packets) {
      for (int n = p.length; ; n -= 255) {
        if (n < 255) {
          page.put((byte) n);
          break;
        }
        page.put((byte) 255);
      }
    }
    for (byte[] p : packets) {
      page.put(p);
    }
    byte[] bytes = page.array();
    page.putInt(22, OggCrc.update(0, bytes, 0, bytes.length));
    page.flip();
    while (page.hasRemaining()) {
      channel.write(page);
    }
  }
}
