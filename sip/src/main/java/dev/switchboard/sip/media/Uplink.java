package dev.switchboard.sip.media;

import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.rtp.DtmfReceiver;
import dev.switchboard.sip.rtp.JitterBuffer;
import dev.switchboard.sip.rtp.Playout;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.opus.OpusAudioDecoder;
import dev.switchboard.transcoding.opus.OpusPackets;
import dev.switchboard.transcoding.resample.Resamplers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink of one negotiated codec: RTP packets → jitter buffer → decoder (with Opus FEC/PLC or
 * G.711 silence for gaps) → {@link TransportListener#onAudio}; RFC 4733 packets → {@link
 * TransportListener#onDtmf}; comfort noise (RFC 3389, PT 13) → silence while the peer is quiet.
 *
 * <p>Frames reach the listener at the call's fixed rate: when the negotiated codec decodes at
 * another PCM rate (a re-INVITE from PCMU to Opus, say) they are resampled here with a stateful
 * resampler, so the call core never sees the rate change.
 *
 * <p>{@link #onPacket} runs on the receive thread, {@link #tick} on the call's media worker; the
 * jitter buffer is the only state they share (it is synchronised). A re-INVITE that changes the
 * codec makes a new {@code Uplink}.
 */
final class Uplink {

  private static final Logger log = LoggerFactory.getLogger(Uplink.class);

  /** RFC 3551 §6: static payload type of comfort noise (RFC 3389). */
  static final int COMFORT_NOISE_PT = 13;

  private final String callId;
  private final NegotiatedMedia media;
  private final AudioDecoder decoder;
  private final JitterBuffer jitterBuffer;
  private final DtmfReceiver dtmf = new DtmfReceiver();
  private final RtpStats stats;
  private final int callRateHz;
  private final Resampler resampler; // codec PCM rate -> call rate, null when equal
  private volatile boolean comfortNoise;

  Uplink(String callId, NegotiatedMedia media, int callRateHz, RtpStats stats) {
    this.callId = callId;
    this.media = media;
    this.stats = stats;
    this.callRateHz = callRateHz;
    int codecRateHz = media.codec().pcmRateHz();
    this.resampler = codecRateHz == callRateHz ? null : Resamplers.create(codecRateHz, callRateHz);
    this.decoder = Codecs.decoder(media.codec().codecFormat());
    this.jitterBuffer = new JitterBuffer(media.codec().clockRateHz(), this::durationUnits);
  }

  NegotiatedMedia media() {
    return media;
  }

  boolean accepts(int payloadType) {
    return payloadType == media.payloadType()
        || payloadType == COMFORT_NOISE_PT
        || (media.hasTelephoneEvent() && payloadType == media.telephoneEventPayloadType());
  }

  void onPacket(RtpPacket p, long arrivalNanos, TransportListener listener) {
    if (media.hasTelephoneEvent() && p.payloadType() == media.telephoneEventPayloadType()) {
      char digit = dtmf.onPacket(p);
      if (digit != 0) {
        stats.dtmfEvents.increment();
        listener.onDtmf(digit);
      } else {
        stats.droppedDuplicate.increment();
      }
      return;
    }
    if (p.payloadType() == COMFORT_NOISE_PT) {
      stats.comfortNoisePackets.increment();
      comfortNoise = true;
      return;
    }
    comfortNoise = false;
    switch (jitterBuffer.offer(p, arrivalNanos)) {
      case ACCEPTED -> {}
      case LATE -> stats.droppedLate.increment();
      case DUPLICATE -> stats.droppedDuplicate.increment();
      case OVERFLOW -> stats.droppedOverflow.increment();
    }
  }

  void jitterMillis(double value) {
    jitterBuffer.jitterMillis(value);
  }

  /** Plays out what is due; called every 20 ms. */
  void tick(long nowNanos, TransportListener listener) {
    var due = jitterBuffer.poll(nowNanos);
    if (due.isEmpty()) {
      if (comfortNoise) {
        listener.onAudio(PcmFrame.silence(callRateHz, 20));
      }
      return;
    }
    for (Playout item : due) {
      PcmFrame frame =
          switch (item) {
            case Playout.Play play -> decode(play.packet());
            case Playout.Conceal gap -> conceal(gap);
          };
      if (frame != null && frame.sampleCount() > 0) {
        listener.onAudio(resampler == null ? frame : resampler.process(frame));
      }
    }
  }

  private PcmFrame decode(RtpPacket p) {
    try {
      return decoder.decode(frame(p));
    } catch (IllegalArgumentException e) {
      stats.decodeErrors.increment();
      log.debug("call {}: undecodable {}: {}", callId, p, e.getMessage());
      return decoder.conceal(Math.max(1, durationUnits(p) / unitsPerSample()));
    }
  }

  private PcmFrame conceal(Playout.Conceal gap) {
    int samples = gap.units() / unitsPerSample();
    if (samples <= 0) {
      return null;
    }
    if (decoder instanceof OpusAudioDecoder opus && gap.next() != null && media.opusInbandFec()) {
      try {
        PcmFrame recovered = opus.decodeFec(frame(gap.next()), samples);
        stats.fecRecoveredFrames.increment();
        return recovered;
      } catch (IllegalArgumentException e) {
        // Not a whole number of 2.5 ms or a bad packet: plain concealment below.
      }
    }
    stats.concealedFrames.increment();
    try {
      return decoder.conceal(samples);
    } catch (IllegalArgumentException e) {
      return new PcmFrame(new short[samples], decoder.outputRateHz());
    }
  }

  private EncodedFrame frame(RtpPacket p) {
    return media.codec() == AudioCodec.OPUS
        ? new EncodedFrame(media.codec().codecFormat(), p.payload(), durationUnits(p) / 2)
        : EncodedFrame.of(media.codec().codecFormat(), p.payload());
  }

  private int unitsPerSample() {
    return media.codec().timestampUnitsPerSample();
  }

  private int durationUnits(RtpPacket p) {
    if (media.codec() != AudioCodec.OPUS) {
      return p.payload().length; // G.711: one byte per 8 kHz sample
    }
    try {
      return OpusPackets.samples48k(p.payload());
    } catch (IllegalArgumentException e) {
      return media.codec().clockRateHz() / 50;
    }
  }

  @Override
  public String toString() {
    return "rtp-in pt="
        + media.payloadType()
        + " -> jitter-buffer -> "
        + decoder
        + (resampler == null ? "" : " -> " + resampler)
        + " -> call";
  }
}
