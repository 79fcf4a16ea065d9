package dev.switchboard.sip.media;

import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.rtp.TelephoneEvent;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Thread-safety: the {@link PlaybackSink} methods run on the call's control thread and {@link
 * #tick()} on the media clock; both hold this object's lock for a few microseconds only.
 */
public final class RtpPacer implements PlaybackSink {

  /** Packets sent per DTMF event end (RFC 4733 §2.5.1.4: the end packet is sent three times). */
  static final int END_REPEATS = 3;

  private final long ssrc;
  private final PacketSender out;
  private final RtpStats stats;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final ArrayDeque<Integer> dtmfQueue = new ArrayDeque<>();
  private Consumer<String> markListener = name -> {};

  private NegotiatedMedia media;
  private AudioEncoder encoder;
  private int frameSamples;
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
    configure(media);
  }

  /** A new negotiated codec or direction (re-INVITE); sequence and timestamps continue. */
  public synchronized void update(NegotiatedMedia media) {
    if (this.media.codec() != media.codec()) {
      queue.clear();
      queuedSamples = 0;
    }
    configure(media);
  }

  private void configure(NegotiatedMedia media) {
    if (this.media == null || this.media.codec() != media.codec()) {
      this.encoder = Codecs.encoder(media.codec().codecFormat());
    }
    this.media = media;
    this.frameSamples = media.codec().pcmRateHz() / 50;
    this.frameUnits = media.codec().clockRateHz() / 50;
    this.sending = media.direction().weSend();
  }

  public synchronized void onMarkPlayed(Consumer<String> listener) {
    this.markListener = listener;
  }

  @Override
  public synchronized int sampleRateHz() {
    return media.codec().pcmRateHz();
  }

  @Override
  public synchronized void write(PcmFrame frame) {
    if (frame.sampleRateHz() != media.codec().pcmRateHz()) {
      throw new IllegalArgumentException(
          "playback frame at "
              + frame.sampleRateHz()
              + " Hz, this call plays "
              + media.codec().pcmRateHz()
              + " Hz ("
              + media.codec()
              + ")");
    }
    if (frame.sampleCount() > 0) {
      queue.add(new Chunk(frame.samples()));
      queuedSamples += frame.sampleCount();
    }
  }

  @Override
  public synchronized void mark(String name) {
    queue.add(name);
  }

  @Override
  public synchronized void clear() {
    queue.clear();
    queuedSamples = 0;
  }

  /** The RTP timestamp of the next packet (for RTCP SR, RFC 3550 §6.4.1). */
  public synchronized long timestamp() {
    return timestamp;
  }

  /** Milliseconds of agent audio queued and not yet sent. */
  public synchronized int queuedMillis() {
    return queuedSamples * 1000 / media.codec().pcmRateHz();
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

  /** Sends the next 20 ms: a DTMF event packet, agent audio, or silence. */
  public void tick() {
    List<String> played;
    synchronized (this) {
      long packetTs = timestamp;
      timestamp += frameUnits;
      if (!sending) {
        return;
      }
      if (dtmfEvent >= 0 || (!dtmfQueue.isEmpty() && media.hasTelephoneEvent())) {
        sendDtmfPacket(packetTs);
        return;
      }
      short[] pcm = new short[frameSamples];
      played = new ArrayList<>(0);
      int filled = fill(pcm, played);
      boolean marker = first || (filled > 0 && !talking);
      talking = filled > 0;
      first = false;
      byte[] payload = encoder.encode(new PcmFrame(pcm, media.codec().pcmRateHz())).payload();
      out.send(new RtpPacket(marker, media.payloadType(), sequence++, packetTs, ssrc, payload));
    }
    for (String name : played) {
      markListener.accept(name);
    }
  }

  private int fill(short[] pcm, List<String> played) {
    int filled = 0;
    while (!queue.isEmpty()) {
      Object head = queue.peek();
      if (head instanceof String mark) {
        queue.poll();
        played.add(mark);
        continue;
      }
      if (filled == pcm.length) {
        break;
      }
      Chunk chunk = (Chunk) head;
      int n = Math.min(pcm.length - filled, chunk.samples.length - chunk.position);
      System.arraycopy(chunk.samples, chunk.position, pcm, filled, n);
      chunk.position += n;
      filled += n;
      queuedSamples -= n;
      if (chunk.position == chunk.samples.length) {
        queue.poll();
      }
    }
    return filled;
  }

  private void sendDtmfPacket(long packetTs) {
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
    for (int i = 0; i < repeats; i++) {
      // RFC 4733 §2.5.1.2: every packet of the event carries the event's start timestamp.
      out.send(
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
  }

  @Override
  public synchronized String toString() {
    return "rtp-pacer " + media.codec() + " pt=" + media.payloadType() + " 20ms -> " + out;
  }

  private static final class Chunk {
    final short[] samples;
    int position;

    Chunk(short[] samples) {
      this.samples = samples;
    }
  }
}
