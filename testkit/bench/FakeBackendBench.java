import dev.switchboard.testkit.Signals;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The fake OpenAI Realtime backend alone, as the Twilio load generator drives it: N raw WebSocket
 * clients each append 20 ms of 24 kHz PCM16 every 20 ms (10 phases of the 20 ms grid, like the
 * generator's TickDriver) in the generator's 5 s cycle (1 s speech, 1.5 s silence, twice), so the
 * fake's server VAD ends turns and streams 3 s answers. Prints the fake's CPU seconds per
 * connection-minute: the process's CPU minus the two client threads'. Uses only the fake's public
 * API, so it also runs against an older build (see fake-backend-bench.sh).
 */
public class FakeBackendBench {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    FakeRealtimeServer fake =
        FakeRealtimeServer.builder()
            .apiKey("sk")
            .deltaPauseMillis(50)
            .recordAudioEvents(false)
            .defaultResponse(ScriptedResponse.tone(440, 3000, "an answer"))
            .start();
    short[] speech8k = Signals.speechLike(42, 1000, -20, 8000, false);
    short[] cycle = new short[24000 * 5];
    for (int i = 0; i < 24000; i++) {
      cycle[i] = speech8k[i / 3]; // 8 kHz caller audio as the bridge sends it, at 24 kHz
      cycle[i + 60000] = speech8k[i / 3];
    }
    List<byte[]> frames = new ArrayList<>();
    byte[] key = {0x12, 0x34, 0x56, 0x78};
    for (int f = 0; f < 250; f++) {
      byte[] pcm = new byte[960];
      for (int i = 0; i < 480; i++) {
        short s = cycle[f * 480 + i];
        pcm[2 * i] = (byte) s;
        pcm[2 * i + 1] = (byte) (s >> 8);
      }
      byte[] p =
          ("{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                  + Base64.getEncoder().encodeToString(pcm)
                  + "\"}")
              .getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.write(0x81);
      o.write(0x80 | 126);
      o.write(p.length >> 8);
      o.write(p.length);
      o.writeBytes(key);
      for (int i = 0; i < p.length; i++) {
        o.write(p[i] ^ key[i & 3]); // RFC 6455 §5.3 client masking
      }
      frames.add(o.toByteArray());
    }
    List<SocketChannel> socks = new ArrayList<>();
    Selector sel = Selector.open();
    for (int i = 0; i < n; i++) {
      SocketChannel s = SocketChannel.open(new InetSocketAddress("127.0.0.1", fake.port()));
      s.socket().setTcpNoDelay(true);
      s.write(
          ByteBuffer.wrap(
              ("GET /v1/realtime?model=x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer sk\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer one = ByteBuffer.allocate(1);
      for (int m = 0; m < 4; ) {
        one.clear();
        if (s.read(one) < 0) {
          throw new IllegalStateException("fake closed during the upgrade");
        }
        byte b = one.get(0);
        m = "\r\n\r\n".charAt(m) == b ? m + 1 : b == '\r' ? 1 : 0;
      }
      s.configureBlocking(false);
      s.register(sel, SelectionKey.OP_READ);
      socks.add(s);
    }
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
                  try {
                    while (true) {
                      sel.select(
                          k -> {
                            buf.clear();
                            try {
                              ((SocketChannel) k.channel()).read(buf); // drained, not parsed
                            } catch (Exception e) {
                              k.cancel();
                            }
                          });
                    }
                  } catch (Exception e) {
                    // done
                  }
                });
    Thread sender =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  long start = System.nanoTime();
                  for (long tick = 0; ; ) {
                    long wait = start + tick * 2_000_000L - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                      continue;
                    }
                    int slot = (int) (tick % 10);
                    long frame = tick / 10;
                    for (int i = slot; i < n; i += 10) {
                      ByteBuffer b = ByteBuffer.wrap(frames.get((int) ((frame + i * 37L) % 250)));
                      try {
                        while (b.hasRemaining()) {
                          socks.get(i).write(b);
                        }
                      } catch (Exception e) {
                        // a dropped connection: the others go on
                      }
                    }
                    tick++;
                  }
                });
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    Thread.sleep(8000); // warm-up: JIT, and every connection into its turn cycle
    long p0 = os.getProcessCpuTime();
    long c0 =
        threads.getThreadCpuTime(sender.threadId()) + threads.getThreadCpuTime(reader.threadId());
    Thread.sleep(seconds * 1000L);
    long p1 = os.getProcessCpuTime();
    long c1 =
        threads.getThreadCpuTime(sender.threadId()) + threads.getThreadCpuTime(reader.threadId());
    double fakeCpu = ((p1 - p0) - (c1 - c0)) / 1e9;
    System.out.printf(
        "fake backend, %d connections, %d s: process %.2f s CPU, clients %.2f s, fake (the rest)"
            + " %.2f s = %.4f CPU-s per connection-minute%n",
        n, seconds, (p1 - p0) / 1e9, (c1 - c0) / 1e9, fakeCpu, fakeCpu / n / (seconds / 60.0));
    System.exit(0);
  }
}
