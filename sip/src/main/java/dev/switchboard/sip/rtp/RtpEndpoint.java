package dev.switchboard.sip.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's UDP media sockets with symmetric RTP (RFC 4961) latching: until a valid packet arrives
 * we send to the address in the peer's SDP; the first valid packet (parses as RTP version 2 with a
 * negotiated payload type) teaches us the peer's real address (NAT), and from then on packets from
 * other sources are counted and dropped. {@link #expect} (a re-INVITE) unlatches.
 *
 * <p>One virtual thread per socket blocks in {@code receive}; {@link #sendRtp} may be called from
 * any one thread (the pacer). Every drop is counted in {@link RtpStats} and logged at debug with
 * the call id.
 */
public final class RtpEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RtpEndpoint.class);
  private static final int MAX_DATAGRAM = 1500;

  /** Receives validated packets; called on the receive thread, must not block. */
  public interface Receiver {
    boolean acceptsPayloadType(int payloadType);

    void onRtp(RtpPacket packet, long arrivalNanos);

    void onRtcp(byte[] data, int length, long arrivalNanos);
  }

  private final String callId;
  private final PortRange.Pair ports;
  private final RtpStats stats;
  private final LongSupplier nanoTime;
  private final ByteBuffer sendBuffer = ByteBuffer.allocate(MAX_DATAGRAM);
  private final byte[] sendBytes = sendBuffer.array();

  private volatile InetSocketAddress sdpRtp;
  private volatile InetSocketAddress sdpRtcp;
  private volatile boolean rtcpMux;
  private volatile SocketAddress latched;
  private volatile boolean closed;

  public RtpEndpoint(String callId, PortRange.Pair ports, RtpStats stats, LongSupplier nanoTime) {
    this.callId = callId;
    this.ports = ports;
    this.stats = stats;
    this.nanoTime = nanoTime;
  }

  public RtpStats stats() {
    return stats;
  }

  @Override
  public String toString() {
    return "udp :" + ports.rtpPort() + " -> " + remote();
  }

  public int rtpPort() {
    return ports.rtpPort();
  }

  /** Where the peer's SDP says to send; resets latching (RFC 4961 §4 after a re-INVITE). */
  public void expect(InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux) {
    this.sdpRtp = rtp;
    this.sdpRtcp = rtcp;
    this.rtcpMux = mux;
    this.latched = null;
  }

  /** The address RTP goes to now (latched or from SDP), or null when unknown. */
  public SocketAddress remote() {
    SocketAddress l = latched;
    return l != null ? l : sdpRtp;
  }

  public void start(Receiver receiver) {
    Thread.ofVirtual().name("rtp-" + callId).start(() -> receiveLoop(ports.rtp(), receiver, true));
    Thread.ofVirtual()
        .name("rtcp-" + callId)
        .start(() -> receiveLoop(ports.rtcp(), receiver, false));
  }

  /** Sends one packet; a failure is counted, never thrown (the call goes on). */
  public void sendRtp(RtpPacket packet) {
    SocketAddress to = remote();
    if (to == null || closed) {
      return;
    }
    synchronized (sendBuffer) {
      int length = packet.encode(sendBytes);
      sendBuffer.clear().limit(length);
      try {
        ports.rtp().send(sendBuffer, to);
        stats.packetsSent.increment();
        stats.octetsSent.add(packet.payload().length);
      } catch (IOException e) {
        stats.sendErrors.increment();
        log.debug("call {}: RTP send to {} failed: {}", callId, to, e.toString());
      }
    }
  }

  public void sendRtcp(byte[] data) {
    SocketAddress to = rtcpMux ? remote() : latchedRtcpOrSdp();
    if (to == null || closed) {
      return;
    }
    try {
      (rtcpMux ? ports.rtp() : ports.rtcp()).send(ByteBuffer.wrap(data), to);
      stats.rtcpSent.increment();
    } catch (IOException e) {
      stats.sendErrors.increment();
    }
  }

  private SocketAddress latchedRtcpOrSdp() {
    SocketAddress l = latched;
    if (l instanceof InetSocketAddress a && sdpRtcp != null) {
      // Latched RTP address; RTCP goes to its port + 1 unless the SDP said otherwise (RFC 3605).
      int port =
          sdpRtp != null && sdpRtcp.getPort() != sdpRtp.getPort() + 1
              ? sdpRtcp.getPort()
              : a.getPort() + 1;
      return new InetSocketAddress(a.getAddress(), port);
    }
    return sdpRtcp;
  }

  private void receiveLoop(DatagramChannel channel, Receiver receiver, boolean rtpPort) {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    byte[] data = buffer.array();
    while (!closed) {
      SocketAddress from;
      try {
        buffer.clear();
        from = channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) {
          log.warn("call {}: RTP receive failed: {}", callId, e.toString());
        }
        return;
      }
      if (from == null) {
        continue;
      }
      long now = nanoTime.getAsLong();
      int length = buffer.position();
      if (!rtpPort || RtcpPacket.looksLikeRtcp(data, length)) {
        stats.rtcpReceived.increment();
        receiver.onRtcp(data, length, now);
        continue;
      }
      RtpPacket packet;
      try {
        packet = RtpPacket.parse(data, length);
      } catch (RtpPacket.MalformedException e) {
        switch (e.defect()) {
          case SHORT -> stats.droppedShort.increment();
          case BAD_VERSION -> stats.droppedBadVersion.increment();
          case BAD_LENGTH -> stats.droppedBadLength.increment();
        }
        log.debug("call {}: dropped datagram from {}: {}", callId, from, e.getMessage());
        continue;
      }
      if (!receiver.acceptsPayloadType(packet.payloadType())) {
        stats.droppedUnknownPayloadType.increment();
        log.debug("call {}: dropped {} from {}: payload type not negotiated", callId, packet, from);
        continue;
      }
      SocketAddress current = latched;
      if (current == null) {
        latched = from;
        log.debug("call {}: RTP latched to {}", callId, from);
      } else if (!current.equals(from)) {
        stats.droppedForeignSource.increment();
        log.debug(
            "call {}: dropped RTP from foreign source {} (latched {})", callId, from, current);
        continue;
      }
      stats.packetsReceived.increment();
      receiver.onRtp(packet, now);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      ports.rtp().close();
    } catch (IOException e) {
      log.debug("call {}: closing RTP socket: {}", callId, e.toString());
    }
    try {
      ports.rtcp().close();
    } catch (IOException e) {
      log.debug("call {}: closing RTCP socket: {}", callId, e.toString());
    }
  }
}
