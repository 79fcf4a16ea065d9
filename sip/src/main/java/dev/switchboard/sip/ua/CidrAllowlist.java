package dev.switchboard.sip.ua;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Source addresses allowed to send us INVITEs, as CIDR blocks ({@code 10.0.0.0/8}, {@code
 * 2001:db8::/32}, or a bare address). An empty list allows everyone.
 */
public final class CidrAllowlist {

  private record Block(byte[] network, int prefixBits, String text) {}

  private final List<Block> blocks;

  private CidrAllowlist(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  public static CidrAllowlist allowAll() {
    return new CidrAllowlist(List.of());
  }

  /**
   * @throws IllegalArgumentException naming the bad entry
   */
  public static CidrAllowlist parse(List<String> cidrs) {
    List<Block> blocks = new ArrayList<>();
    for (String cidr : cidrs) {
      String text = cidr.trim();
      int slash = text.indexOf('/');
      String host = slash < 0 ? text : text.substring(0, slash);
      if (!host.matches("[0-9A-Fa-f:.]+")) {
        throw new IllegalArgumentException("bad CIDR '" + cidr + "': address must be numeric");
      }
      byte[] address;
      try {
        address = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bad CIDR '" + cidr + "': " + e.getMessage());
      }
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad CIDR '" + cidr + "': prefix is not a number");
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException(
              "bad CIDR '" + cidr + "': prefix must be 0-" + address.length * 8);
        }
      }
      blocks.add(new Block(address, bits, text));
    }
    return new CidrAllowlist(blocks);
  }

  public boolean allows(InetAddress source) {
    if (blocks.isEmpty()) {
      return true;
    }
    byte[] a = source.getAddress();
    for (Block b : blocks) {
      if (b.network.length == a.length && matches(b.network, a, b.prefixBits)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] network, byte[] address, int bits) {
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (network[i] != address[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest) & 0xFF;
    return (network[full] & mask) == (address[full] & mask);
  }

  @Override
  public String toString() {
    return blocks.isEmpty() ? "any" : blocks.stream().map(Block::text).toList().toString();
  }
}
