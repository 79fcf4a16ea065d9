package dev.switchboard.bridge.call;

import dev.switchboard.bridge.call.ControlQueue.Kind;
import dev.switchboard.transcoding.PcmFrame;
import java.util.function.BiConsumer;

/**
 * A call's transport callbacks: each arrives on a transport thread, hands off to the call's control
 * loop and returns at once. Caller audio goes in as {@link Kind#CALLER_AUDIO} (the queue may shed
 * it under overload), a closed transport as {@link Kind#URGENT}.
 */
final class TransportEvents implements dev.switchboard.bridge.transport.TransportListener {

  private final CallCore core;
  private final BiConsumer<Runnable, Kind> post;

  TransportEvents(CallCore core, BiConsumer<Runnable, Kind> post) {
    this.core = core;
    this.post = post;
  }

  @Override
  public void onAudio(PcmFrame frame) {
    post.accept(() -> core.onCallerFrame(frame), Kind.CALLER_AUDIO);
  }

  @Override
  public void onDtmf(char digit) {
    post.accept(() -> core.onDtmf(digit), Kind.EVENT);
  }

  @Override
  public void onMarkPlayed(String name) {
    post.accept(() -> core.onMarkPlayed(name), Kind.EVENT);
  }

  @Override
  public void onClosed(String reason, boolean byCaller) {
    post.accept(() -> core.onTransportClosed(reason, byCaller), Kind.URGENT);
  }
}
