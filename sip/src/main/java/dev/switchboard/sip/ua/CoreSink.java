package dev.switchboard.sip.ua;

import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.transcoding.PcmFrame;

/**
 * The call core's view of the caller's pacer. When the caller is bridged to a human the core is
 * {@link #detach detached}: its last writes, marks and its teardown {@code clear()} no longer reach
 * the caller, who hears the human from then on. Detaching clears the agent audio still queued.
 *
 * <p>Writes and detach hold this object's lock, so no agent frame slips in after the clear.
 */
final class CoreSink implements PlaybackSink {

  private final PlaybackSink pacer;
  private boolean detached;

  CoreSink(PlaybackSink pacer) {
    this.pacer = pacer;
  }

  synchronized void detach() {
    detached = true;
    pacer.clear();
  }

  @Override
  public int sampleRateHz() {
    return pacer.sampleRateHz();
  }

  @Override
  public synchronized void write(PcmFrame frame) {
    if (!detached) {
      pacer.write(frame);
    }
  }

  @Override
  public synchronized void mark(String name) {
    if (!detached) {
      pacer.mark(name);
    }
  }

  @Override
  public synchronized void clear() {
    if (!detached) {
      pacer.clear();
    }
  }

  @Override
  public String toString() {
    return pacer.toString();
  }
}
