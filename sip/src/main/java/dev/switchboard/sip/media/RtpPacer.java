package dev.switchboard.sip.media;

import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.rtp.TelephoneEvent;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.resample.Resamplers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The downlink: agent audio queued by the call core leaves as one RTP packet per 20 ms {@link
 * #tick()}, so the pacer is the playout clock and what it sent is what the caller heard. A mark
 * written after some audio is reported through the mark listener right after the packet carrying
 * the last sample before it was sent. {@link #clear()} (barge-in) drops the queue and its pending
 * marks at once: they were never played.
 *
 * <p>When idle it sends encoded silence so timestamps stay continuous and NAT bindings stay open;
 * the first packet of each burst of agent audio carries the marker bit (RFC 3551 §4.1). While not
 * sending (hold), the queue is kept and timestamps keep advancing.
 *
 * <p>Prepared ahead: {@link #prepareNext()} fills and encodes the next 20 ms off the send thread
 * (the call's media worker, right after each send), so at the deadline {@link #sendDue()} only
 * sends bytes that are ready. Two exceptions keep what was sent exactly what the {@code
 * PacedPlaybackTracker} believes was heard ("a frame written into an idle sink plays from the next
 * tick"): a prepared silence packet is re-prepared at the deadline when agent audio arrived
 * meanwhile, and {@link #clear()} drops a prepared packet carrying agent audio (its sequence number
 * and timestamp are reused, its marks discarded: it was never sent, so never heard).
 *
 * <p>Fixed call rate: {@link #sampleRateHz()} is the PCM rate of the codec the call started with
 * for the whole call; after a re-INVITE to a codec with another PCM rate (PCMU ↔ Opus) the pacer
 * resamples internally, so the call core never sees a rate change.
 *
 * <p>Thread-safety: the {@link PlaybackSink} methods run on the call's control thread, {@link
 * #prepareNext()} on the media worker, both under this object's lock (an Opus encode at most). The
 * send thread's {@link #sendDue()} takes the prepared packet from an atomic hand-off without the
 * lock, so it never waits behind an encode or a descheduled lock holder; it locks only when the
 * worker is late or the prepared silence must be rebuilt.
 */
public final class RtpPacer implements PlaybackSink {

  /** Packets sent per DTMF event end (RFC 4733 §2.5.1.4: the end packet is sent three times). */
  static final int END_REPEATS = 3;

  private final long ssrc;
  private final PacketSender out;
  private final RtpStats stats;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final ArrayDeque<Integer> dtmfQueue = new ArrayDeque<>();
  private final int callRateHz;
  private final int callFrameSamples;
  private volatile Consumer<String> markListener = name -> {};

  private NegotiatedMedia media;
  private AudioEncoder encoder;
  private Resampler resampler; // call rate -> codec PCM rate, null when they are equal
  // Handed from the worker to the send thread without the lock: the send thread takes it with
  // getAndSet, so a send never waits for an encode in progress; whoever takes it owns it.
  private final AtomicReference<Prepared> prepared = new AtomicReference<>();
  private volatile long writes; // write() and mark() calls, to see new audio since a prepare
  private int frameUnits;
  private int sequence;
  private long timestamp;
  private boolean sending = true;
  private boolean talking;
  private boolean first = true;
  private int queuedSamples;

  // RFC 4733 event being sent
  private int dtmfEvent = -1;
  private long dtmfStartTs;
  private int dtmfElapsedUnits;
  private int dtmfTotalUnits;
  private int dtmfMillis = 160;

  public RtpPacer(
      NegotiatedMedia media,
      long ssrc,
      int firstSequence,
      long firstTimestamp,
      PacketSender out,
      RtpStats stats) {
    this.ssrc = ssrc;
    this.sequence = firstSequence;
    this.timestamp = firstTimestamp;
    this.out = out;
    this.stats = stats;
    this.callRateHz = media.codec().pcmRateHz();
    this.callFrameSamples = callRateHz / 50;
    configure(media);
  }

  /** A new negotiated codec or direction (re-INVITE); sequence and timestamps continue. */
  public synchronized void update(NegotiatedMedia media) {
    // The prepared packet was built for the old payload type or direction: take it back (its audio
    // and marks return to the queue) and let the next packet be built with the new codec.
    // RFC 3550 §5.1 allows a new timestamp base on a payload type change; we keep the SSRC and the
    // sequence and simply continue counting timestamps in the new clock's units.
    unprepare(true);
    configure(media);
  }

  private void configure(NegotiatedMedia media) {
    if (this.media == null || this.media.codec() != media.codec()) {
      this.encoder = Codecs.encoder(media.codec().codecFormat());
      int codecRateHz = media.codec().pcmRateHz();
      this.resampler =
          codecRateHz == callRateHz ? null : Resamplers.create(callRateHz, codecRateHz);
    }
    this.media = media;
    this.frameUnits = media.codec().clockRateHz() / 50;
    this.sending = media.direction().weSend();
  }

  public synchronized void onMarkPlayed(Consumer<String> listener) {
    this.markListener = listener;
  }

  @Override
  public int sampleRateHz() {
    return callRateHz;
  }

  @Override
  public synchronized void write(PcmFrame frame) {
    if (frame.sampleRateHz() != callRateHz) {
      throw new IllegalArgumentException(
          "playback frame at "
              + frame.sampleRateHz()
              + " Hz, this call plays "
              + callRateHz
              + " Hz (now "
              + media.codec()
              + ")");
    }
    if (frame.sampleCount() > 0) {
      queue.add(new Chunk(frame.samples()));
      queuedSamples += frame.sampleCount();
      writes++;
    }
  }

  @Override
  public synchronized void mark(String name) {
    queue.add(name);
    writes++;
  }

  @Override
  public synchronized void clear() {
    queue.clear();
    queuedSamples = 0;
    Prepared p = prepared.get();
    if (p != null && p.agentAudio()) {
      // Barge-in: agent audio encoded ahead but not sent is not heard; build silence instead now
      // (on this control thread) so the send thread finds a packet ready at the deadline.
      unprepare(false);
      prepare();
    }
  }

  /** The RTP timestamp of the next packet (for RTCP SR, RFC 3550 §6.4.1). */
  public synchronized long timestamp() {
    return timestamp;
  }

  /** Milliseconds of agent audio queued and not yet sent. */
  public synchronized int queuedMillis() {
    return queuedSamples * 1000 / callRateHz;
  }

  /** Queues RFC 4733 events for {@code digits}; sent before further agent audio. */
  public synchronized void sendDtmf(String digits, int durationMillis) {
    for (char c : digits.toCharArray()) {
      int event = TelephoneEvent.fromDigit(c);
      if (event < 0) {
        throw new IllegalArgumentException("not a DTMF digit: '" + c + "' in '" + digits + "'");
      }
      dtmfQueue.add(event);
    }
    dtmfMillis = Math.max(40, durationMillis);
  }

  /**
   * Sends the next 20 ms now: a DTMF event packet, agent audio, or silence. Same as {@link
   * #sendDue()}; kept for callers that drive the pacer by hand.
   */
  public void tick() {
    sendDue();
  }

  /**
   * The deadline of a 20 ms slot: sends the prepared packet (preparing it here only if the worker
   * has not, counted in {@link RtpStats#pacerUnprepared}), then reports the marks it completed.
   */
  void sendDue() {
    Prepared p = prepared.getAndSet(null);
    boolean stale = p != null && p.silence() && writes != p.writesBefore();
    if (p == null || stale) {
      // Rare: the worker is late, or agent audio arrived after the silence was built (it plays
      // now, as the tracker assumes). Only these paths take the lock on the send thread.
      synchronized (this) {
        if (p == null) {
          stats.pacerUnprepared.increment();
        } else {
          // The worker may have built the slot after p meanwhile: take both back, newest first.
          unprepare(true);
          prepared.set(p);
          unprepare(true);
        }
        if (prepared.get() == null) {
          prepare();
        }
        p = prepared.getAndSet(null);
      }
    }
    for (RtpPacket packet : p.packets()) {
      out.send(packet);
    }
    for (String name : p.marks()) {
      markListener.accept(name);
    }
  }

  /**
   * Builds the next slot's packet ahead of its deadline (fill, resample, encode); does nothing if
   * one is ready. Called by the call's media worker right after each send.
   */
  public synchronized void prepareNext() {
    if (prepared.get() == null) {
      prepare();
    }
  }

  /** Builds the next 20 ms slot: one slot of RTP timestamps whether or not we send (hold). */
  private void prepare() {
    Slot slot = new Slot(sequence, timestamp, talking, first, writes);
    timestamp += frameUnits;
    if (!sending) {
      prepared.set(new Prepared(List.of(), List.of(), List.of(), false, false, slot));
      return;
    }
    if (dtmfEvent >= 0 || (!dtmfQueue.isEmpty() && media.hasTelephoneEvent())) {
      prepared.set(
          new Prepared(dtmfPackets(slot.timestamp()), List.of(), List.of(), false, true, slot));
      return;
    }
    short[] pcm = new short[callFrameSamples];
    List<String> played = new ArrayList<>(0);
    List<Object> taken = new ArrayList<>(2);
    int filled = fill(pcm, played, taken);
    boolean marker = first || (filled > 0 && !talking);
    talking = filled > 0;
    first = false;
    PcmFrame frame = new PcmFrame(pcm, callRateHz);
    if (resampler != null) {
      frame = resampler.process(frame);
    }
    byte[] payload = encoder.encode(frame).payload();
    RtpPacket packet =
        new RtpPacket(marker, media.payloadType(), sequence++, slot.timestamp(), ssrc, payload);
    prepared.set(new Prepared(List.of(packet), played, taken, filled > 0, false, slot));
  }

  /**
   * Forgets the prepared packet as if it had never been built: sequence, timestamp and burst state
   * go back, so the next packet takes its place. With {@code requeue} its audio and marks go back
   * to the front of the queue (to be sent in the next packet); without, they are dropped (barge-in:
   * never sent, so never heard). A DTMF event packet is never taken back (its progress through the
   * event is not undone).
   */
  private void unprepare(boolean requeue) {
    Prepared p = prepared.get();
    if (p == null || p.dtmf() || !prepared.compareAndSet(p, null)) {
      return; // nothing prepared, a DTMF packet, or the send thread just took it: it is sent
    }
    if (requeue) {
      for (int i = p.taken().size() - 1; i >= 0; i--) {
        Object item = p.taken().get(i);
        queue.addFirst(item);
        if (item instanceof Chunk c) {
          queuedSamples += c.samples.length;
        }
      }
    }
    sequence = p.slot().sequence();
    timestamp = p.slot().timestamp();
    talking = p.slot().talking();
    first = p.slot().first();
  }

  /**
   * Takes the next slot's audio and the marks it completes from the queue; {@code taken} records
   * both in queue order so {@link #unprepare} can put them back.
   */
  private int fill(short[] pcm, List<String> played, List<Object> taken) {
    int filled = 0;
    while (!queue.isEmpty()) {
      Object head = queue.peek();
      if (head instanceof String mark) {
        queue.poll();
        played.add(mark);
        taken.add(mark);
        continue;
      }
      if (filled == pcm.length) {
        break;
      }
      Chunk chunk = (Chunk) head;
      int n = Math.min(pcm.length - filled, chunk.samples.length - chunk.position);
      System.arraycopy(chunk.samples, chunk.position, pcm, filled, n);
      taken.add(new Chunk(Arrays.copyOfRange(chunk.samples, chunk.position, chunk.position + n)));
      chunk.position += n;
      filled += n;
      queuedSamples -= n;
      if (chunk.position == chunk.samples.length) {
        queue.poll();
      }
    }
    return filled;
  }

  private List<RtpPacket> dtmfPackets(long packetTs) {
    if (dtmfEvent < 0) {
      dtmfEvent = dtmfQueue.poll();
      dtmfStartTs = packetTs;
      dtmfElapsedUnits = 0;
      dtmfTotalUnits = media.codec().clockRateHz() / 1000 * dtmfMillis;
    }
    dtmfElapsedUnits += frameUnits;
    boolean end = dtmfElapsedUnits >= dtmfTotalUnits;
    boolean start = dtmfElapsedUnits == frameUnits;
    byte[] payload = new TelephoneEvent(dtmfEvent, end, 10, dtmfElapsedUnits).encode();
    int repeats = end ? END_REPEATS : 1;
    List<RtpPacket> packets = new ArrayList<>(repeats);
    for (int i = 0; i < repeats; i++) {
      // RFC 4733 §2.5.1.2: every packet of the event carries the event's start timestamp.
      packets.add(
          new RtpPacket(
              start && i == 0,
              media.telephoneEventPayloadType(),
              sequence++,
              dtmfStartTs,
              ssrc,
              payload));
    }
    if (end) {
      dtmfEvent = -1;
      talking = false; // the audio after an event starts a new burst
    }
    return packets;
  }

  @Override
  public synchronized String toString() {
    return "rtp-pacer " + media.codec() + " pt=" + media.payloadType() + " 20ms -> " + out;
  }

  /**
   * One slot built ahead: its packets (none on hold, three for an RFC 4733 end), the marks it
   * completes, and the state to restore if it is taken back.
   */
  private record Prepared(
      List<RtpPacket> packets,
      List<String> marks,
      List<Object> taken,
      boolean agentAudio,
      boolean dtmf,
      Slot slot) {

    /** Idle silence (not hold, not DTMF): rebuilt at the deadline if audio came meanwhile. */
    boolean silence() {
      return !agentAudio && !dtmf && !packets.isEmpty();
    }

    long writesBefore() {
      return slot.writes();
    }
  }

  /** The pacer's state before a slot was built, restored when it is taken back. */
  private record Slot(int sequence, long timestamp, boolean talking, boolean first, long writes) {}

  private static final class Chunk {
    final short[] samples;
    int position;

    Chunk(short[] samples) {
      this.samples = samples;
    }
  }
}
