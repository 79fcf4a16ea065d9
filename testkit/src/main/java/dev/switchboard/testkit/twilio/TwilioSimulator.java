package dev.switchboard.testkit.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bridge.ws.WsClient;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One caller as Twilio presents it: calls the voice webhook, opens the Media Stream the TwiML names
 * and speaks the Media Streams protocol ("Media Streams - WebSocket Messages"): {@code connected},
 * {@code start} with the TwiML's parameters, then one 160-byte μ-law {@code media} every 20 ms with
 * string sequence numbers, chunks and timestamps (silence when the script has nothing to say),
 * {@code dtmf}, {@code stop}. Agent audio plays on a {@link SimulatedPlayout}; every request is
 * signed with the test auth token.
 *
 * <p>Time: {@link #tick()} is one 20 ms step (uplink frame + playout). Tests either call it
 * themselves or let {@link #runRealTime(ScheduledExecutorService)} or a shared {@link TickDriver}
 * call it every 20 ms. Thread-safe.
 */
public final class TwilioSimulator implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FRAME = 160;
  private static final HttpClient SHARED_HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final TwilioWebhooks webhooks;
  private final String callSid;
  private final String accountSid;
  private final String streamSid;
  private final ArrayDeque<short[]> script = new ArrayDeque<>();
  private final SimulatedPlayout playout;
  private final Histogram lateness;
  private final List<String> clearsAndEvents = new ArrayList<>();
  private volatile CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final List<Long> clearNanos = new ArrayList<>();
  private final long[] sentNanos = new long[1024];
  private final Object changed = new Object();
  private final SocketOutbox outbox = new SocketOutbox(() -> this.socket);
  private volatile WebSocket socket;
  private TwimlAnswer answer;
  private Runnable stopTicker;
  private short[] current;
  private int currentOffset;
  private long sequence;
  private long chunk;
  private long timestampMillis;
  private volatile long framesSent; // written under the lock, read without (sentNanos)
  private volatile long lastSpeechStartNanos = -1;
  private String closeReason;
  private long ticks;
  private volatile boolean uplinkMuted;
  private long firstTickNanos;
  private long maxLagMillis;
  private int silentFrames;
  private long bargeInOnsetRecorded = -1;
  private final Histogram bargeInLatency = new Histogram();

  private TwilioSimulator(String baseUrl, String authToken, String to, HttpClient http, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    this.callSid = "CA" + hex(rnd);
    this.accountSid = "AC" + hex(rnd);
    this.streamSid = "MZ" + hex(rnd);
    String from = "+1555" + (1_000_000 + rnd.nextInt(8_999_999));
    this.webhooks =
        new TwilioWebhooks(
            baseUrl, new TwilioSigner(authToken), http, accountSid, callSid, from, to);
    this.lateness = new Histogram();
    this.playout = new SimulatedPlayout(this::echoMark, lateness);
  }

  /**
   * @param baseUrl the server's public base URL, e.g. {@code http://127.0.0.1:8080}
   * @param authToken the test auth token the server validates with
   * @param to the called number (selects the flow)
   */
  public static TwilioSimulator create(String baseUrl, String authToken, String to, long seed) {
    return new TwilioSimulator(baseUrl, authToken, to, SHARED_HTTP, seed);
  }

  private static String hex(SplittableRandom rnd) {
    return String.format("%016x%016x", rnd.nextLong(), rnd.nextLong());
  }

  // ---- webhooks ---------------------------------------------------------------------------------

  /** The parameters Twilio posts to the voice webhook for an inbound call. */
  public Map<String, String> voiceParams() {
    return webhooks.voiceParams();
  }

  /** Calls the voice webhook, signed; returns the TwiML (fails on a non-200 answer). */
  public TwimlAnswer dial() throws IOException, InterruptedException {
    TwimlAnswer a = webhooks.dial();
    synchronized (this) {
      answer = a;
    }
    return a;
  }

  /**
   * POSTs form {@code params} to {@code path}, signed like Twilio unless {@code signature} is given
   * (use {@code ""} to send none).
   */
  public HttpResponse<String> post(String path, Map<String, String> params, String signature)
      throws IOException, InterruptedException {
    return webhooks.post(path, params, signature);
  }

  /** What Twilio requests from the {@code <Connect action>} once the stream has ended. */
  public TwimlAnswer afterStream() throws IOException, InterruptedException {
    return webhooks.afterStream(answer());
  }

  // ---- the stream -------------------------------------------------------------------------------

  /**
   * Opens the Media Stream of the last {@link #dial()} and sends {@code connected} + {@code start}.
   */
  public void connect() throws IOException, InterruptedException {
    connect(null, answer().parameters());
  }

  /**
   * Opens the stream with a chosen upgrade signature ({@code null}: sign correctly, {@code ""}:
   * none) and {@code start} parameters (e.g. a wrong token).
   */
  public void connect(String signature, Map<String, String> startParameters)
      throws IOException, InterruptedException {
    String url = answer().streamUrl();
    String sig = signature != null ? signature : webhooks.signUpgrade(url);
    Map<String, String> headers = sig.isEmpty() ? Map.of() : Map.of("X-Twilio-Signature", sig);
    CompletableFuture<Integer> socketClosed = new CompletableFuture<>();
    closed = socketClosed;
    try {
      socket =
          // The bridge's own RFC 6455 client: at hundreds of simulated callers the JDK client's
          // per-frame costs would make the generator, not the server, the bottleneck.
          WsClient.connect(
                  URI.create(url),
                  headers,
                  Duration.ofSeconds(5),
                  new StreamReceiver(events(socketClosed)))
              .get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("stream upgrade failed: " + e.getCause(), e);
    }
    send(TwilioWire.connected());
    send(TwilioWire.start(++sequence, accountSid, streamSid, callSid, startParameters));
  }

  /** Queues caller audio (8 kHz); it goes out 20 ms per tick after what is already queued. */
  public synchronized void say(short[] pcm8k) {
    script.addLast(pcm8k);
  }

  /** Drops unsent caller audio. */
  public synchronized void hush() {
    script.clear();
    current = null;
  }

  /** One 20 ms step: a caller frame (script or silence) goes out and 20 ms of agent audio play. */
  public void tick() {
    short[] frame = new short[FRAME];
    boolean speech;
    synchronized (this) {
      long now = System.nanoTime();
      if (ticks++ == 0) {
        firstTickNanos = now;
      }
      maxLagMillis = Math.max(maxLagMillis, ((now - firstTickNanos) / 20_000_000 + 1 - ticks) * 20);
      speech = fill(frame);
      // An utterance starts at its first sounding frame and ends after 200 ms without sound
      // (gaps between syllables do not start a new one).
      if (speech) {
        silentFrames = 0;
        if (lastSpeechStartNanos < 0) {
          lastSpeechStartNanos = System.nanoTime();
        }
      } else if (++silentFrames >= 10) {
        lastSpeechStartNanos = -1;
      }
    }
    // The frame and the marks this tick echoes leave in one write, as one media server packet.
    WsClient.batch(
        socket,
        () -> {
          if (!uplinkMuted) {
            sendMedia(frame);
          }
          playout.tick();
        });
    signal();
  }

  /** Fills {@code frame} from the script; true when it carries sound (not digital silence). */
  private boolean fill(short[] frame) {
    int filled = 0;
    while (filled < FRAME) {
      if (current == null || currentOffset >= current.length) {
        current = script.pollFirst();
        currentOffset = 0;
        if (current == null) {
          break;
        }
      }
      int n = Math.min(FRAME - filled, current.length - currentOffset);
      System.arraycopy(current, currentOffset, frame, filled, n);
      currentOffset += n;
      filled += n;
    }
    for (short v : frame) {
      if (v > 64 || v < -64) {
        return true;
      }
    }
    return false;
  }

  /** Sends one μ-law media frame with the next sequence number, chunk and timestamp. */
  public synchronized void sendMedia(short[] pcm8k) {
    byte[] mulaw = new byte[pcm8k.length];
    G711.encodeUlaw(pcm8k, 0, mulaw, 0, pcm8k.length);
    String payload = Base64.getEncoder().encodeToString(mulaw);
    sentNanos[(int) (framesSent % sentNanos.length)] = System.nanoTime();
    framesSent++;
    send(TwilioWire.media(++sequence, ++chunk, timestampMillis, payload, streamSid));
    timestampMillis += pcm8k.length / 8;
  }

  /**
   * While muted, ticks play agent audio but send no caller frames (a stream whose inbound leg
   * stalled): the node must pace its audio on its own timer.
   */
  public void muteUplink(boolean muted) {
    this.uplinkMuted = muted;
  }

  /** Skips {@code millis} of timestamps without sending (a gap Twilio's side suffered). */
  public synchronized void gap(int millis) {
    timestampMillis += millis;
  }

  public synchronized void dtmf(char digit) {
    send(TwilioWire.dtmf(++sequence, digit, streamSid));
  }

  /** The caller hangs up: {@code stop}, then the socket closes. */
  public synchronized void hangUp() {
    stopTicking();
    send(TwilioWire.stop(++sequence, accountSid, callSid, streamSid));
    outbox.close();
  }

  /** Sends any text, e.g. malformed messages. */
  public synchronized void sendRaw(String text) {
    send(text);
  }

  private void send(String text) {
    outbox.send(text);
  }

  private void echoMark(String name) {
    send(TwilioWire.mark(nextSequence(), name, streamSid));
  }

  private synchronized long nextSequence() {
    return ++sequence;
  }

  /** Calls {@link #tick()} every 20 ms on {@code timer} until hang-up or close. */
  public synchronized void runRealTime(ScheduledExecutorService timer) {
    stopTicking();
    ScheduledFuture<?> f = timer.scheduleAtFixedRate(this::safeTick, 0, 20, TimeUnit.MILLISECONDS);
    stopTicker = () -> f.cancel(false);
  }

  /** Lets {@code driver} call {@link #tick()} every 20 ms until hang-up or close (load runs). */
  public synchronized void runRealTime(TickDriver driver) {
    stopTicking();
    stopTicker = driver.add(this::safeTick);
  }

  private void safeTick() {
    try {
      if (!closed.isDone()) {
        tick();
      }
    } catch (Throwable e) {
      // A periodic task that throws is never run again: report and keep ticking.
      System.err.println("TwilioSimulator " + callSid + ": tick failed: " + e);
    }
  }

  public synchronized void stopTicking() {
    if (stopTicker != null) {
      stopTicker.run();
      stopTicker = null;
    }
  }

  // ---- observations -----------------------------------------------------------------------------

  /**
   * Waits (on a monitor, no sleeps) until {@code condition} holds; it is re-checked after every
   * received message and every tick.
   *
   * @throws AssertionError naming {@code what} on timeout
   */
  public void await(
      String what, java.util.function.Predicate<TwilioSimulator> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (!condition.test(this)) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          throw new AssertionError(
              "simulated call "
                  + callSid
                  + ": timed out after "
                  + timeout.toMillis()
                  + " ms waiting for "
                  + what
                  + " (media received "
                  + mediaReceived()
                  + ", clears "
                  + clears()
                  + ", closed "
                  + closed.isDone()
                  + ")");
        }
        changed.wait(Math.min(leftMillis, 50));
      }
    }
  }

  private void signal() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  /** What the caller heard so far at 8 kHz (silence while nothing played), one sample per tick. */
  public short[] heard() {
    return playout.heard();
  }

  public void writeHeardWav(Path file) throws IOException {
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.PCM16_8K)) {
      w.write(new PcmFrame(heard(), 8000));
    }
  }

  public void stopRecording() {
    playout.stopRecording();
  }

  /** Completes with the close code once the socket closed. */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  public synchronized String closeReason() {
    return closeReason;
  }

  public synchronized List<Long> clearNanos() {
    return List.copyOf(clearNanos);
  }

  public int clears() {
    return clearNanos().size();
  }

  public long marksEchoed() {
    return playout.marksEchoed();
  }

  public long marksEchoedByClear() {
    return playout.marksEchoedByClear();
  }

  public long mediaReceived() {
    return playout.mediaFrames();
  }

  public long samplesDroppedByClear() {
    return playout.droppedByClear();
  }

  public long underrunTicks() {
    return playout.underrunTicks();
  }

  public Histogram egressLateness() {
    return lateness;
  }

  /** Forgets timing statistics gathered so far (end of a warm-up). */
  public void resetStats() {
    lateness.reset();
    bargeInLatency.reset();
    playout.resetStats();
    synchronized (this) {
      maxLagMillis = 0;
    }
  }

  /** Caller speech onset (first sounding scripted frame sent) to the first {@code clear}. */
  public Histogram bargeInLatency() {
    return bargeInLatency;
  }

  /** Told the arrival time of the first frame of each agent talkspurt. */
  public void onTalkspurt(java.util.function.LongConsumer listener) {
    playout.onTalkspurt(listener);
  }

  /** Events other than media/mark/clear received (should stay empty). */
  public synchronized List<String> otherEvents() {
    return List.copyOf(clearsAndEvents);
  }

  /**
   * When caller frame {@code index} (0-based) was sent, if still remembered. Lock-free: the fake
   * backend asks for every append, and must not wait for this caller's tick or receive callbacks
   * (the slot is written before {@code framesSent} publishes it).
   */
  public long sentNanos(long index) {
    long sent = framesSent;
    return index < sent && sent - index <= sentNanos.length
        ? sentNanos[(int) (index % sentNanos.length)]
        : -1;
  }

  public synchronized long framesSent() {
    return framesSent;
  }

  /**
   * How far the playout clock is behind the wall clock now, in ms (ticks owed since the first tick,
   * when driven in real time): on a loaded machine the simulated caller hears late.
   */
  public synchronized long playoutLagMillis() {
    if (ticks == 0) {
      return 0;
    }
    long due = (System.nanoTime() - firstTickNanos) / 20_000_000 + 1;
    return Math.max(0, (due - ticks) * 20);
  }

  /**
   * The most the playout clock ever fell behind the wall clock, in ms. While it lags, the server's
   * playout model (which trusts real time, as Twilio's playout is) runs ahead of what this caller
   * heard.
   */
  public synchronized long maxPlayoutLagMillis() {
    return maxLagMillis;
  }

  /** When the current caller speech started (first non-silent scripted frame), or -1. */
  public long speechStartNanos() {
    return lastSpeechStartNanos;
  }

  public String callSid() {
    return callSid;
  }

  public synchronized TwimlAnswer answer() {
    return answer;
  }

  @Override
  public void close() {
    stopTicking();
    WebSocket s = socket;
    if (s != null && !closed.isDone()) {
      s.abort();
      closed.complete(-1);
    }
  }

  /** Twilio's side of one socket: plays media, echoes marks, obeys clear. */
  private StreamReceiver.Events events(CompletableFuture<Integer> socketClosed) {
    return new StreamReceiver.Events() {
      @Override
      public void media(short[] pcm8k, long nowNanos) {
        playout.onMedia(pcm8k, nowNanos);
      }

      @Override
      public void mark(String name) {
        playout.onMark(name);
      }

      @Override
      public void clear(long nowNanos) {
        synchronized (TwilioSimulator.this) {
          clearNanos.add(nowNanos);
          long onset = lastSpeechStartNanos;
          if (onset >= 0 && onset != bargeInOnsetRecorded) {
            bargeInOnsetRecorded = onset;
            bargeInLatency.recordMicros((nowNanos - onset) / 1000);
          }
        }
        playout.onClear();
      }

      @Override
      public void other(String event) {
        synchronized (TwilioSimulator.this) {
          clearsAndEvents.add(event);
        }
      }

      @Override
      public void closed(int statusCode, String reason) {
        synchronized (TwilioSimulator.this) {
          closeReason = reason;
        }
        if (socketClosed == closed) {
          stopTicking();
        }
        socketClosed.complete(statusCode);
      }

      @Override
      public void changed() {
        signal();
      }
    };
  }
}
