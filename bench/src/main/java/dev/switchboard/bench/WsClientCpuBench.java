package dev.switchboard.bench;

import dev.switchboard.bridge.ws.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU cost of the bridge's WebSocket client ({@link WsClient}) alone, in the shape of an OpenAI
 * Realtime session: every connection sends one ~1.3 KB {@code input_audio_buffer.append}-sized text
 * every 20 ms and receives one of the same size every 20 ms. The peer runs in another JVM so only
 * the client's process CPU is measured.
 *
 * <pre>
 * java -cp CP dev.switchboard.bench.WsClientCpuBench server PORT &
 * java -cp CP dev.switchboard.bench.WsClientCpuBench client PORT CONNECTIONS SECONDS
 * </pre>
 *
 * Put another build's {@code agent-bridge/target/classes} first on the client's class path to
 * compare implementations (the bench uses only the public {@code WsClient.connect}).
 */
public final class WsClientCpuBench {

  private static final int TICK_MILLIS = 20;

  private WsClientCpuBench() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    if (args[0].equals("server")) {
      server(port);
    } else {
      client(port, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }
  }

  private static String payload() {
    byte[] audio = new byte[960]; // 20 ms of 24 kHz PCM16
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (byte) (i * 31);
    }
    return "{\"type\":\"input_audio_buffer.append\",\"audio\":\""
        + Base64.getEncoder().encodeToString(audio)
        + "\"}";
  }

  // ---- client (measured) ----

  private static void client(int port, int connections, int seconds) throws Exception {
    AtomicLong received = new AtomicLong();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public void onOpen(WebSocket ws) {
            ws.request(1);
          }

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            received.incrementAndGet();
            ws.request(1);
            return null;
          }
        };
    URI uri = URI.create("ws://127.0.0.1:" + port + "/v1/realtime");
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      sockets.add(WsClient.connect(uri, Map.of(), Duration.ofSeconds(5), listener).get());
    }
    String text = payload();
    long warmupTicks = 5_000 / TICK_MILLIS;
    long measuredTicks = seconds * 1000L / TICK_MILLIS;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = 0;
    long receivedStart = 0;
    long next = System.nanoTime();
    for (long tick = 0; tick < warmupTicks + measuredTicks; tick++) {
      if (tick == warmupTicks) {
        cpuStart = os.getProcessCpuTime();
        receivedStart = received.get();
      }
      for (WebSocket ws : sockets) {
        ws.sendText(text, true);
      }
      next += TICK_MILLIS * 1_000_000L;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    long got = received.get() - receivedStart;
    double connectionMinutes = connections * seconds / 60.0;
    System.out.printf(
        "WsClient: %d connections x %d s, sent %d, received %d messages%n"
            + "  client CPU %.2f s = %.3f CPU s per connection-minute = %.2f us per message%n",
        connections,
        seconds,
        connections * measuredTicks,
        got,
        cpuSeconds,
        cpuSeconds / connectionMinutes,
        cpuSeconds * 1e6 / (connections * measuredTicks + got));
    sockets.forEach(WebSocket::abort);
  }

  // ---- server (the peer; not measured) ----

  private static void server(int port) throws IOException {
    byte[] frame = serverFrame(payload().getBytes(StandardCharsets.US_ASCII));
    List<OutputStream> outs = new CopyOnWriteArrayList<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              long next = System.nanoTime();
              while (true) {
                for (OutputStream out : outs) {
                  try {
                    out.write(frame);
                  } catch (IOException e) {
                    outs.remove(out);
                  }
                }
                next += TICK_MILLIS * 1_000_000L;
                try {
                  TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
      while (true) {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        Thread.ofVirtual().start(() -> serve(s, outs));
      }
    }
  }

  private static void serve(Socket s, List<OutputStream> outs) {
    try (s) {
      InputStream in = s.getInputStream();
      String key = null;
      StringBuilder line = new StringBuilder();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        if (b == '\n') {
          String l = line.toString().trim();
          if (l.isEmpty()) {
            break;
          }
          if (l.toLowerCase().startsWith("sec-websocket-key:")) {
            key = l.substring(18).trim();
          }
          line.setLength(0);
        } else {
          line.append((char) b);
        }
      }
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes());
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + Base64.getEncoder().encodeToString(sha1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      outs.add(out);
      DataInputStream din = new DataInputStream(new java.io.BufferedInputStream(in, 65536));
      byte[] sink = new byte[65536];
      while (true) { // discard client frames
        din.readUnsignedByte();
        int len = din.readUnsignedByte() & 0x7F;
        long n = len == 126 ? din.readUnsignedShort() : len == 127 ? din.readLong() : len;
        din.readFully(sink, 0, 4);
        while (n > 0) {
          int r = (int) Math.min(n, sink.length);
          din.readFully(sink, 0, r);
          n -= r;
        }
      }
    } catch (Exception e) {
      // peer gone
    }
  }

  private static byte[] serverFrame(byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(0x81);
    o.write(126);
    o.write(payload.length >>> 8);
    o.write(payload.length);
    o.writeBytes(payload);
    return o.toByteArray();
  }
}
