package dev.switchboard.sip.rtp;

/**
 * Turns a stream of RFC 4733 packets into digits, each reported once.
 *
 * <p>RFC 4733 §2.5.1: all packets of one event share its start timestamp, updates repeat it with a
 * growing duration and the end packet is sent three times. So an event is identified by its
 * timestamp alone: that also copes with senders that never set the marker bit (§2.5.1.1 makes it
 * mandatory but several PBXes forget it) and with lost start packets. A digit is reported on the
 * first packet of a new event so the agent hears it without waiting for the key to be released.
 *
 * <p>Confined to the RTP receive thread.
 */
public final class DtmfReceiver {

  private long lastEventTimestamp = -1;
  private long duplicates;

  /**
   * @return the digit of a new event, or 0 for a repeat, an unknown event or a short payload
   */
  public char onPacket(RtpPacket packet) {
    TelephoneEvent event = TelephoneEvent.parse(packet.payload());
    if (event == null) {
      return 0;
    }
    if (packet.timestamp() == lastEventTimestamp) {
      duplicates++;
      return 0;
    }
    lastEventTimestamp = packet.timestamp();
    return event.digit();
  }

  /** Packets recognised as repeats of an already reported event. */
  public long duplicates() {
    return duplicates;
  }
}
