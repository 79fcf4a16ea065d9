package dev.switchboard.transcoding.io;

/**
 * The Ogg page checksum (RFC 3533 §6, "CRC_checksum"): CRC-32 with generator polynomial 0x04C11DB7,
 * initial value 0, no bit reflection and no final XOR, computed over the whole page with the
 * checksum field set to zero. {@code java.util.zip.CRC32} is the reflected variant (Ethernet/zip)
 * and gives different values.
 */
final class OggCrc {

  private static final int POLYNOMIAL = 0x04C11DB7;
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int bit = 0; bit < 8; bit++) {
        r = (r & 0x8000_0000) != 0 ? (r << 1) ^ POLYNOMIAL : r << 1;
      }
      TABLE[i] = r;
    }
  }

  private OggCrc() {}

  static int update(int crc, byte[] data, int off, int len) {
    for (int i = off; i < off + len; i++) {
      crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
    }
    return crc;
  }
}
