package dev.switchboard.sip.rtp;

/** What the {@link JitterBuffer} hands to the decoder at a playout tick. */
public sealed interface Playout {

  /** Decode and play this packet. */
  record Play(RtpPacket packet) implements Playout {}

  /**
   * A gap of {@code units} timestamp units: conceal it, from {@code next}'s in-band FEC when {@code
   * next} (the packet after the gap) is already here, else by codec PLC or silence.
   */
  record Conceal(int units, RtpPacket next) implements Playout {}
}
