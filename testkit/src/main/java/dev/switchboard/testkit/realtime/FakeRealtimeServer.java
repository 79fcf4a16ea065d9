package dev.switchboard.testkit.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A fake OpenAI Realtime server on 127.0.0.1 (ephemeral port) for end-to-end tests: real WebSocket,
 * real auth check on the upgrade (401 otherwise), GA protocol by default and the preview dialect
 * when the client sends {@code OpenAI-Beta: realtime=v1} (as OpenAI did) or uses a path ending in
 * {@code /preview}.
 *
 * <pre>{@code
 * try (FakeRealtimeServer fake = FakeRealtimeServer.builder().apiKey("sk-test").start()) {
 *   fake.enqueueResponse(ScriptedResponse.tone(440, 1000, "Hello there"));
 *   ... connect to fake.url() ...
 *   FakeConnection c = fake.awaitConnection(0, Duration.ofSeconds(5));
 *   c.received().await("session.update", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Each connection ({@link FakeConnection}) records every client event and every server event;
 * scripted responses are shared by all connections in order (the default is a 1 s 440 Hz tone).
 *
 * <p>All sockets are served by a few {@link FakeEventLoop} threads ({@link Builder#ioThreads}, one
 * by default), which also run the connections' timed work: hundreds of connections cost no thread
 * each, so a load generator running the fake measures the server under test, not itself.
 */
public final class FakeRealtimeServer implements AutoCloseable {

  private final Builder settings;
  private final ServerSocketChannel listener;
  private final FakeEventLoop[] loops;
  private int nextLoop; // accepting loop only
  private volatile boolean stopped;
  private final List<FakeConnection> connections = new ArrayList<>();
  private final Deque<ScriptedResponse> responses = new ArrayDeque<>();
  private final Deque<String> userTranscripts = new ArrayDeque<>();
  private final int port;
  private final DeltaPayloads deltaPayloads = new DeltaPayloads();

  private FakeRealtimeServer(Builder settings) {
    this.settings = settings;
    this.responses.addAll(settings.responses);
    try {
      listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress("127.0.0.1", settings.port), 1024);
      listener.configureBlocking(false);
      this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("fake realtime server: cannot listen on " + settings.port, e);
    }
    this.loops = new FakeEventLoop[settings.ioThreads];
    for (int i = 0; i < loops.length; i++) {
      loops[i] = new FakeEventLoop("fake-realtime-io-" + i);
    }
    // Until registered, connections wait in the listen backlog.
    loops[0].execute(
        () -> {
          try {
            loops[0].register(listener, SelectionKey.OP_ACCEPT, new Acceptor());
          } catch (IOException e) {
            System.err.println("fake realtime server: cannot accept: " + e);
          }
        });
  }

  /** Accepts on the first loop and spreads the connections over all loops, round robin. */
  private final class Acceptor implements FakeEventLoop.Ready {
    @Override
    public void ready(SelectionKey key) {
      while (true) {
        SocketChannel s;
        try {
          s = listener.accept();
        } catch (IOException e) {
          return; // closed, or out of descriptors: try again when ready
        }
        if (s == null) {
          return;
        }
        FakeEventLoop loop = loops[nextLoop++ % loops.length];
        try {
          if (stopped) {
            s.close(); // a stopped server answers nothing, even a connection racing the close
            continue;
          }
          s.configureBlocking(false);
          s.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
          closeQuietly(s);
          continue;
        }
        loop.execute(() -> serve(loop, s));
      }
    }

    @Override
    public void shutdown() {
      closeQuietly(listener);
    }
  }

  private void serve(FakeEventLoop loop, SocketChannel s) {
    try {
      new FakeWebSocket(loop, s, this::upgrade);
    } catch (IOException e) {
      closeQuietly(s);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** One upgrade request (on the socket's loop): authorize, then open a connection or refuse. */
  private FakeWebSocket.Handler upgrade(FakeUpgrade request, FakeWebSocket socket) {
    if (!authorized(request)) {
      socket.writeHttp(
          FakeUpgrade.rejectResponse(
              401, "Unauthorized", "{\"error\":{\"code\":\"invalid_api_key\"}}"),
          true);
      return null;
    }
    if (!request.isWebSocket()) {
      socket.writeHttp(
          FakeUpgrade.rejectResponse(
              400, "Bad Request", "{\"error\":{\"code\":\"not_a_websocket\"}}"),
          true);
      return null;
    }
    String beta = request.header("OpenAI-Beta");
    boolean preview =
        (beta != null && beta.contains("realtime=v1")) || request.target().contains("/preview");
    FakeConnection conn;
    synchronized (this) {
      if (stopped) {
        socket.closeNow();
        return null;
      }
      socket.writeHttp(request.acceptResponse(), false);
      conn = new FakeConnection(this, socket, socket.loop(), !preview, connections.size());
      connections.add(conn);
      notifyAll();
    }
    conn.start();
    return new FakeWebSocket.Handler() {
      @Override
      public void onText(byte[] utf8, int offset, int length) {
        conn.onText(utf8, offset, length);
      }

      @Override
      public void onClosed() {
        conn.closed();
      }
    };
  }

  private boolean authorized(FakeUpgrade request) {
    String expected = settings.apiKey;
    return expected == null
        || ("Bearer " + expected).equals(request.header("Authorization"))
        || expected.equals(request.header("api-key"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Base URL, e.g. {@code ws://127.0.0.1:41234/v1/realtime}; clients append {@code ?model=}. */
  public String url() {
    return "ws://127.0.0.1:" + port + "/v1/realtime";
  }

  public int port() {
    return port;
  }

  /**
   * CPU time the server's event-loop threads used so far, in ns: load runs report the fake's share
   * of the generator's CPU with it.
   */
  public long ioCpuNanos() {
    long sum = 0;
    for (FakeEventLoop loop : loops) {
      sum += Math.max(0, loop.cpuNanos());
    }
    return sum;
  }

  /** Scripts the next response (after those already queued). */
  public synchronized void enqueueResponse(ScriptedResponse response) {
    responses.addLast(response);
  }

  /** Scripts the transcript of the next caller turn (default {@code "hello"}). */
  public synchronized void enqueueUserTranscript(String text) {
    userTranscripts.addLast(text);
  }

  /** Connections so far, in order of arrival. */
  public synchronized List<FakeConnection> connections() {
    return List.copyOf(connections);
  }

  /** Waits for connection number {@code index} (0-based) to arrive. */
  public synchronized FakeConnection awaitConnection(int index, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (connections.size() <= index) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new AssertionError(
            "expected connection #"
                + index
                + " within "
                + timeout.toMillis()
                + " ms, have "
                + connections.size());
      }
      try {
        wait(leftMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return connections.get(index);
  }

  synchronized ScriptedResponse nextResponse() {
    ScriptedResponse next = responses.pollFirst();
    return next != null ? next : settings.defaultResponse;
  }

  synchronized String nextUserTranscript() {
    String next = userTranscripts.pollFirst();
    return next != null ? next : "hello";
  }

  String model() {
    return settings.model;
  }

  Set<String> ignoredFields() {
    return settings.ignoredFields;
  }

  Duration expireAfter() {
    return settings.expireAfter;
  }

  int deltaMillis() {
    return settings.deltaMillis;
  }

  FakeObserver observer() {
    return settings.observer;
  }

  DeltaPayloads deltaPayloads() {
    return deltaPayloads;
  }

  boolean recordAudioEvents() {
    return settings.recordAudioEvents;
  }

  long deltaPauseMillis() {
    return settings.deltaPauseMillis;
  }

  /** Stops the server and frees the port; open connections are dropped. */
  @Override
  public void close() {
    // A real server going away drops its connections, and clients must see that at once.
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    // Each loop closes its sockets (the first also the listener) and ends: then the port is free.
    for (FakeEventLoop loop : loops) {
      loop.shutdown(5_000);
    }
  }

  /** Settings of a {@link FakeRealtimeServer}. */
  public static final class Builder {
    private String apiKey = "sk-test";
    private String model = "gpt-realtime";
    private Set<String> ignoredFields = Set.of();
    private Duration expireAfter;
    private int deltaMillis = 100;
    private long deltaPauseMillis;
    private boolean recordAudioEvents = true;
    private int port;
    private int ioThreads = 1;
    private FakeObserver observer = new FakeObserver() {};
    private ScriptedResponse defaultResponse =
        ScriptedResponse.tone(440, 1000, "Hello how can I help");
    private final List<ScriptedResponse> responses = new ArrayList<>();

    private Builder() {}

    /** The key clients must present ({@code Authorization: Bearer} or Azure {@code api-key}). */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    public Builder model(String name) {
      this.model = name;
      return this;
    }

    /**
     * Silently ignores these dotted paths of the client's {@code session} object, e.g. {@code
     * audio.input.format} (GA) or {@code input_audio_format} (preview), like a server that does not
     * understand them: {@code session.updated} then reports the old value.
     */
    public Builder ignoreSessionFields(String... paths) {
      this.ignoredFields = Set.of(paths);
      return this;
    }

    /** Sends {@code session_expired} and closes each connection this long after it opened. */
    public Builder expireSessionsAfter(Duration afterOpen) {
      this.expireAfter = afterOpen;
      return this;
    }

    /** Audio per delta (default 100 ms). */
    public Builder deltaMillis(int millis) {
      this.deltaMillis = millis;
      return this;
    }

    /** Pause between deltas (default 0: as fast as possible, still interleaved with requests). */
    public Builder deltaPauseMillis(long millis) {
      this.deltaPauseMillis = millis;
      return this;
    }

    /**
     * Whether the connections' {@link FakeConnection#received()} and {@code sent} logs keep audio
     * events ({@code input_audio_buffer.append}, audio deltas); default true. Load runs turn it
     * off: 50 appends a second per call would otherwise fill gigabytes, and appends are then read
     * with a streaming parser instead of a JSON tree.
     */
    public Builder recordAudioEvents(boolean value) {
      this.recordAudioEvents = value;
      return this;
    }

    /** Listens on this port (default 0: any free port). */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /**
     * Event-loop threads serving the sockets and running timed work (default 1: a loop handles
     * hundreds of connections; more spread them over cores).
     */
    public Builder ioThreads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("ioThreads must be >= 1, got " + count);
      }
      this.ioThreads = count;
      return this;
    }

    /** Timing taps for load measurements. */
    public Builder observer(FakeObserver value) {
      this.observer = value;
      return this;
    }

    /** The response used when none is scripted. */
    public Builder defaultResponse(ScriptedResponse response) {
      this.defaultResponse = response;
      return this;
    }

    public Builder response(ScriptedResponse response) {
      this.responses.add(response);
      return this;
    }

    public FakeRealtimeServer start() {
      return new FakeRealtimeServer(this);
    }
  }
}
