package dev.switchboard.sip.rtp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The UDP ports media may use: RTP on even ports, RTCP on the next odd one (RFC 3550 §11). Ports
 * are handed out round-robin so a port just freed is not reused at once (late packets of the old
 * call would latch onto the new one).
 *
 * <p>Thread-safe.
 */
public final class PortRange {

  private final int minPort;
  private final int maxPort;
  private final AtomicInteger cursor;

  /**
   * @param minPort first RTP port (rounded up to even)
   * @param maxPort last port usable for RTCP
   */
  public PortRange(int minPort, int maxPort) {
    int even = (minPort + 1) & ~1;
    if (even < 1024 || maxPort > 65535 || maxPort - even < 3) {
      throw new IllegalArgumentException(
          "bad RTP port range "
              + minPort
              + "-"
              + maxPort
              + ": need at least two even ports above 1023");
    }
    this.minPort = even;
    this.maxPort = maxPort;
    this.cursor = new AtomicInteger(even);
  }

  /** A pair of bound channels: RTP on an even port and RTCP on the next. */
  public record Pair(DatagramChannel rtp, DatagramChannel rtcp, int rtpPort) {}

  /**
   * Binds the next free pair on {@code address}.
   *
   * @throws IOException when every pair in the range is taken
   */
  public Pair bind(InetAddress address) throws IOException {
    int pairs = (maxPort - minPort + 1) / 2;
    for (int attempt = 0; attempt < pairs; attempt++) {
      int port = next();
      DatagramChannel rtp = null;
      try {
        rtp = open(address, port);
        DatagramChannel rtcp = open(address, port + 1);
        return new Pair(rtp, rtcp, port);
      } catch (BindException e) {
        if (rtp != null) {
          rtp.close();
        }
      }
    }
    throw new IOException("no free RTP port pair in " + minPort + "-" + maxPort + " on " + address);
  }

  private int next() {
    return cursor.getAndUpdate(p -> p + 2 > maxPort - 1 ? minPort : p + 2);
  }

  private static DatagramChannel open(InetAddress address, int port) throws IOException {
    DatagramChannel channel =
        DatagramChannel.open(
            address instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      channel.bind(new InetSocketAddress(address, port));
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return minPort + "-" + maxPort;
  }
}
