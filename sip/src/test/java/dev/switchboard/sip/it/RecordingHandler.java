package dev.switchboard.sip.it;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.SipCallHandler;
import dev.switchboard.transcoding.PcmFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stand-in for the call core: answers when {@code prepare} says so, plays a tone with a mark at
 * its end, records caller audio, DTMF, marks and how the call closed, and runs an optional script
 * (hang up, transfer) once started.
 */
final class RecordingHandler implements SipCallHandler {

  /** What one call saw. */
  static final class Call implements TransportListener {
    final CallInfo info;
    volatile CallTransport transport;
    final List<PcmFrame> audio = new CopyOnWriteArrayList<>();
    final StringBuffer digits = new StringBuffer();
    final List<String> marks = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    volatile boolean closedByCaller;
    final CompletableFuture<TransferResult> transfer = new CompletableFuture<>();

    Call(CallInfo info) {
      this.info = info;
    }

    @Override
    public void onAudio(PcmFrame frame) {
      audio.add(frame);
    }

    @Override
    public void onDtmf(char digit) {
      digits.append(digit);
    }

    @Override
    public void onMarkPlayed(String name) {
      marks.add(name);
    }

    @Override
    public void onClosed(String reason, boolean byCaller) {
      closedByCaller = byCaller;
      closed.complete(reason);
    }

    /** Root-mean-square level of all received audio, in dBFS. */
    double levelDbfs() {
      double sum = 0;
      long n = 0;
      for (PcmFrame f : audio) {
        for (short s : f.samples()) {
          sum += (double) s * s;
          n++;
        }
      }
      return n == 0 ? -120 : 10 * Math.log10(sum / n / (32768.0 * 32768.0) + 1e-12);
    }

    long receivedMillis() {
      long micros = 0;
      for (PcmFrame f : audio) {
        micros += f.durationMicros();
      }
      return micros / 1000;
    }
  }

  final Map<String, Call> calls = new ConcurrentHashMap<>();
  final CompletableFuture<Call> firstStarted = new CompletableFuture<>();
  final CompletableFuture<String> abandoned = new CompletableFuture<>();
  volatile Function<CallInfo, CompletableFuture<Void>> prepare =
      info -> CompletableFuture.completedFuture(null);
  volatile Consumer<Call> script = call -> {};
  final List<Boolean> mediaReadyAtPrepare = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> prepare(CallTransport transport, boolean mediaReady) {
    CallInfo info = transport.info();
    mediaReadyAtPrepare.add(mediaReady);
    calls.put(info.callId(), new Call(info));
    return prepare.apply(info);
  }

  @Override
  public void start(CallTransport transport) {
    Call call = calls.get(transport.info().callId());
    call.transport = transport;
    transport.start(call);
    int rate = transport.playback().sampleRateHz();
    transport.playback().write(tone(rate, 440, 1000));
    transport.playback().mark("greeting-end");
    firstStarted.complete(call);
    Thread.ofVirtual().start(() -> script.accept(call));
  }

  @Override
  public void abandoned(CallInfo info, String reason) {
    abandoned.complete(reason);
  }

  static PcmFrame tone(int rateHz, double hz, int millis) {
    short[] s = new short[rateHz * millis / 1000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rateHz));
    }
    return new PcmFrame(s, rateHz);
  }
}
