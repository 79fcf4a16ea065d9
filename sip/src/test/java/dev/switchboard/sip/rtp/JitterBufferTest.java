package dev.switchboard.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jitter buffer on a manual clock: 8 kHz, 20 ms (160-unit) packets. */
class JitterBufferTest {

  static final long MS = 1_000_000L;
  final JitterBuffer buffer = new JitterBuffer(8000, p -> p.payload().length);
  long now = 1_000 * MS;

  static RtpPacket packet(int seq, boolean marker) {
    byte[] payload = new byte[160];
    payload[0] = (byte) seq; // identifies the packet
    return new RtpPacket(marker, 0, seq, 160L * seq + 0xFFFF_F000L, 9, payload);
  }

  List<Playout> advance(int millis) {
    List<Playout> out = new ArrayList<>();
    for (int t = 0; t < millis; t += 20) {
      now += 20 * MS;
      out.addAll(buffer.poll(now));
    }
    return out;
  }

  /** Packet ids in play order, -1 for concealment; trailing concealment (PLC fade-out) cut. */
  static List<Integer> played(List<Playout> items) {
    List<Integer> ids = new ArrayList<>();
    for (Playout p : items) {
      ids.add(p instanceof Playout.Play play ? (int) play.packet().payload()[0] : -1);
    }
    while (!ids.isEmpty() && ids.get(ids.size() - 1) == -1) {
      ids.remove(ids.size() - 1);
    }
    return ids;
  }

  @Test
  void holdsTheMinimumDelayThenPlaysInOrderAcrossTimestampWrap() {
    for (int seq = 0; seq < 3; seq++) {
      assertThat(buffer.offer(packet(seq, seq == 0), now + seq * 20 * MS))
          .isEqualTo(JitterBuffer.Offer.ACCEPTED);
    }
    assertThat(buffer.poll(now + 20 * MS)).as("still inside the 40 ms delay").isEmpty();
    assertThat(played(advance(100))).containsExactly(0, 1, 2);
  }

  @Test
  void aFirstPacketReadLateDoesNotLeaveTheBufferDroppingEveryPacket() {
    // Our media started 330 ms after the peer's (it sends from our 200 OK, we read from its ACK
    // on):
    // its first 17 packets waited in the socket and are read together, then packets come on time.
    long start = now;
    for (int seq = 0; seq <= 16; seq++) {
      buffer.offer(packet(seq, seq == 0), start + 330 * MS);
    }
    List<Playout> out = new ArrayList<>();
    for (int seq = 17; seq <= 116; seq++) {
      long arrival = start + seq * 20 * MS;
      while (now + 20 * MS <= arrival) {
        now += 20 * MS;
        out.addAll(buffer.poll(now));
      }
      buffer.offer(packet(seq, false), arrival);
    }
    out.addAll(advance(300));
    List<Integer> lastSecond = new ArrayList<>();
    for (int seq = 67; seq <= 116; seq++) {
      lastSecond.add(seq);
    }
    assertThat(played(out))
        .as("every packet of the last second played")
        .containsSequence(lastSecond);
  }

  @Test
  void reorderedPacketsComeOutInOrder() {
    buffer.offer(packet(0, true), now);
    buffer.offer(packet(2, false), now + 5 * MS);
    buffer.offer(packet(1, false), now + 10 * MS);
    assertThat(played(advance(80))).containsExactly(0, 1, 2);
  }

  @Test
  void aGapBecomesConcealmentCarryingTheNextPacketForFec() {
    buffer.offer(packet(0, true), now);
    buffer.offer(packet(2, false), now + 40 * MS);
    List<Playout> out = advance(100);
    assertThat(played(out)).containsExactly(0, -1, 2);
    Playout.Conceal gap = (Playout.Conceal) out.get(1);
    assertThat(gap.units()).isEqualTo(160);
    assertThat(gap.next().payload()[0]).isEqualTo((byte) 2);
  }

  @Test
  void aLatePacketIsDroppedAndRaisesTheDelay() {
    buffer.offer(packet(0, true), now);
    advance(100); // 0 played, then underrun concealment for 1
    assertThat(buffer.offer(packet(1, false), now)).isEqualTo(JitterBuffer.Offer.LATE);
    assertThat(buffer.delayMillis()).isEqualTo(JitterBuffer.MIN_DELAY_MILLIS + 20);
    assertThat(buffer.offer(packet(1, false), now)).isEqualTo(JitterBuffer.Offer.LATE);
    assertThat(buffer.delayMillis()).isLessThanOrEqualTo(JitterBuffer.MAX_DELAY_MILLIS);
  }

  @Test
  void duplicatesAreDetected() {
    buffer.offer(packet(0, true), now);
    assertThat(buffer.offer(packet(0, true), now)).isEqualTo(JitterBuffer.Offer.DUPLICATE);
  }

  @Test
  void neverHoldsMoreThanTheDelayPlusTheBurstMargin() {
    buffer.offer(packet(0, true), now);
    int overflows = 0;
    for (int seq = 1; seq < 30; seq++) { // a 600 ms burst arriving at once
      if (buffer.offer(packet(seq, false), now) == JitterBuffer.Offer.OVERFLOW) {
        overflows++;
      }
    }
    assertThat(overflows).isPositive();
    assertThat(buffer.queuedPackets() * 20)
        .isLessThanOrEqualTo(buffer.delayMillis() + JitterBuffer.BURST_MARGIN_MILLIS + 20);
  }

  @Test
  void aSteadyStreamAtTheMaximumDelayIsNotDroppedAsOverflow() {
    long anchor = now;
    buffer.offer(packet(0, true), now);
    advance(100);
    for (int i = 0; i < 10; i++) {
      buffer.offer(packet(1, false), now); // late again and again: the delay grows to its maximum
    }
    assertThat(buffer.delayMillis()).isEqualTo(JitterBuffer.MAX_DELAY_MILLIS);
    List<JitterBuffer.Offer> offers = new ArrayList<>();
    List<Playout> out = new ArrayList<>();
    for (int seq = 6; seq < 106; seq++) { // 2 s on time, with 10 ms of arrival jitter
      long arrival = anchor + seq * 20 * MS + (seq % 2) * 10 * MS;
      offers.add(buffer.offer(packet(seq, false), arrival));
      out.addAll(buffer.poll(arrival));
    }
    assertThat(offers).containsOnly(JitterBuffer.Offer.ACCEPTED);
    assertThat(out.stream().filter(p -> p instanceof Playout.Play)).hasSizeGreaterThan(80);
  }

  @Test
  void goesIdleInSilenceAndReanchorsOnTheNextTalkspurt() {
    buffer.offer(packet(0, true), now);
    advance(300);
    assertThat(buffer.playing()).isFalse();
    // DTX: the next talkspurt starts 2 s of timestamps later with the marker bit.
    buffer.offer(packet(100, true), now);
    List<Playout> out = advance(60);
    assertThat(played(out)).containsExactly(100);
  }

  @Test
  void delayStepsBackDownAfterAStablePeriod() {
    buffer.offer(packet(0, true), now);
    advance(100);
    buffer.offer(packet(1, false), now); // late: 60 ms
    int raised = buffer.delayMillis();
    int seq = 10;
    buffer.offer(packet(seq, true), now);
    for (int i = 0; i < (JitterBuffer.STABLE_MILLIS + 1000) / 20; i++) {
      buffer.offer(packet(++seq, false), now);
      now += 20 * MS;
      buffer.poll(now);
    }
    assertThat(buffer.delayMillis()).isLessThan(raised);
  }

  @Test
  void aStallBeforeTheAnchorPacketReanchorsInsteadOfDroppingForever() {
    long sentZero = now;
    now += 500 * MS; // the receive thread was stalled 500 ms when the call started
    for (int seq = 0; seq < 25; seq++) {
      buffer.offer(packet(seq, seq == 0), now); // the backlog, read all at once
    }
    int overflows = 0;
    int played = 0;
    for (int seq = 25; seq < 125; seq++) { // then on time: 500 ms "early" for the first anchor
      long arrival = sentZero + seq * 20 * MS;
      if (buffer.offer(packet(seq, false), arrival) == JitterBuffer.Offer.OVERFLOW) {
        overflows++;
      }
      for (Playout p : buffer.poll(arrival)) {
        if (seq >= 75 && p instanceof Playout.Play) {
          played++;
        }
      }
    }
    assertThat(overflows).as("re-anchored once, not dropping every packet").isLessThanOrEqualTo(2);
    assertThat(played).as("the last second plays").isGreaterThanOrEqualTo(48);
  }
}
