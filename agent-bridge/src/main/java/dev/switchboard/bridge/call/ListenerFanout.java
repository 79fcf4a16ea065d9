package dev.switchboard.bridge.call;

import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to every listener, catching and counting what they throw so no listener can break the
 * call. Confined to the call's control thread (the counter is atomic only for metrics readers).
 */
final class ListenerFanout implements CallEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerFanout.class);

  private final List<CallEventListener> listeners;
  private final AtomicLong failures = new AtomicLong();

  ListenerFanout(List<CallEventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onEvent(CallEvent event) {
    for (CallEventListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  @Override
  public void onCallerAudio(Duration at, PcmFrame frame) {
    for (CallEventListener l : listeners) {
      try {
        l.onCallerAudio(at, frame);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  @Override
  public void onAgentAudio(Duration at, PcmFrame frame) {
    for (CallEventListener l : listeners) {
      try {
        l.onAgentAudio(at, frame);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  private void failed(CallEventListener l, RuntimeException e) {
    if (failures.incrementAndGet() <= 10) {
      LOG.warn("call event listener {} threw; ignored", l.getClass().getName(), e);
    }
  }

  long failures() {
    return failures.get();
  }
}
