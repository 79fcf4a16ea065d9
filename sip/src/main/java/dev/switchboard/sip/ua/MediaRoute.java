package dev.switchboard.sip.ua;

import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.transcoding.PcmFrame;

/**
 * The caller's media listener: forwards to the call core, or to the bridge's relay once the caller
 * is bridged. Media threads read {@code target}; it changes once.
 */
final class MediaRoute implements TransportListener {
  volatile TransportListener target;

  @Override
  public void onAudio(PcmFrame frame) {
    TransportListener t = target;
    if (t != null) {
      t.onAudio(frame);
    }
  }

  @Override
  public void onDtmf(char digit) {
    TransportListener t = target;
    if (t != null) {
      t.onDtmf(digit);
    }
  }

  @Override
  public void onMarkPlayed(String name) {
    TransportListener t = target;
    if (t != null) {
      t.onMarkPlayed(name);
    }
  }

  @Override
  public void onClosed(String reason, boolean byCaller) {
    TransportListener t = target;
    if (t != null) {
      t.onClosed(reason, byCaller);
    }
  }
}
