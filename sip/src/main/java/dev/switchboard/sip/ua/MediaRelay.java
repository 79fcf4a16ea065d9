package dev.switchboard.sip.ua;

import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.SipStats;
import dev.switchboard.sip.media.RtpPacer;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.resample.Resamplers;

/**
 * One direction of a bridge: PCM decoded by one leg's uplink goes to the other leg's {@link
 * RtpPacer}, which encodes it to that leg's codec and sends it on its own 20 ms grid. Working at
 * PCM level is what lets a PCMU caller talk to a PCMA or Opus human; a rate difference (8 kHz ↔ 24
 * kHz Opus PCM) goes through a streaming resampler that keeps its filter state across frames. RFC
 * 4733 digits are re-sent as the other leg's telephone-events.
 *
 * <p>Overflow policy: the two legs tick on the same clock, so the pacer queue stays near one frame;
 * beyond {@link #MAX_QUEUE_MILLIS} (the other leg stopped sending, e.g. on hold) new frames are
 * dropped and counted rather than letting the delay grow.
 *
 * <p>Fed by one leg's media tick (one thread at a time); the pacer is thread-safe.
 */
final class MediaRelay implements TransportListener {

  static final int MAX_QUEUE_MILLIS = 200;
  static final int DTMF_MILLIS = 100;

  private final String name;
  private final RtpPacer out;
  private final SipStats stats;
  private Resampler resampler;

  MediaRelay(String name, RtpPacer out, SipStats stats) {
    this.name = name;
    this.out = out;
    this.stats = stats;
  }

  @Override
  public void onAudio(PcmFrame frame) {
    int outRate = out.sampleRateHz();
    PcmFrame f = frame;
    if (frame.sampleRateHz() != outRate) {
      if (resampler == null
          || resampler.inputRateHz() != frame.sampleRateHz()
          || resampler.outputRateHz() != outRate) {
        resampler = Resamplers.create(frame.sampleRateHz(), outRate);
      }
      f = resampler.process(frame);
    }
    if (out.queuedMillis() > MAX_QUEUE_MILLIS) {
      stats.bridgeFramesDropped.increment();
      return;
    }
    out.write(f);
  }

  @Override
  public void onDtmf(char digit) {
    try {
      out.sendDtmf(String.valueOf(digit), DTMF_MILLIS);
    } catch (IllegalArgumentException e) {
      // not a digit RFC 4733 can carry: nothing to relay
    }
  }

  @Override
  public void onMarkPlayed(String name) {}

  @Override
  public void onClosed(String reason, boolean byCaller) {}

  @Override
  public String toString() {
    return "relay[" + name + "] -> " + out;
  }
}
