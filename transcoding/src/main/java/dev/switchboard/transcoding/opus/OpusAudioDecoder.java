package dev.switchboard.transcoding.opus;

import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;

/**
 * Opus decoder for one stream, producing mono PCM at any Opus rate (8, 12, 16, 24 or 48 kHz).
 *
 * <p>The Opus bitstream does not depend on the rate or channel count it is decoded at (RFC 6716
 * §2), so this accepts frames of any {@code opus/*} format: RTP peers send {@code opus/48000/2}
 * (RFC 7587 §7) and stereo packets are down-mixed to mono by the decoder itself.
 *
 * <p>Loss handling: {@link #conceal(int)} is Opus packet-loss concealment; {@link
 * #decodeFec(EncodedFrame, int)} rebuilds a lost packet from the redundancy carried in the next
 * one, which is better whenever the sender enabled in-band FEC. A jitter buffer that sees packet n
 * missing but n+1 present calls {@code decodeFec(n+1, duration(n))} then {@code decode(n+1)}.
 *
 * <p>Decoding always runs at 48 kHz and lower output rates are produced by a {@link Decimator}
 * (adding {@link #addedDelaySamples()} of delay), because Concentus 1.0.2 outputs silence for
 * hybrid packets decoded below 48 kHz.
 *
 * <p>Not thread-safe: one instance per stream, used by one thread at a time.
 */
public final class OpusAudioDecoder implements AudioDecoder {

  /** RFC 6716 §3.2.1: the longest packet is 120 ms. */
  private static final int MAX_PACKET_MILLIS = 120;

  private static final int INTERNAL_RATE_HZ = 48_000;

  private final int outputRateHz;
  private final AudioFormat inputFormat;
  private final OpusDecoder decoder;
  private final Decimator decimator;
  private final short[] buffer;

  /** A decoder producing mono PCM at {@code outputRateHz} from packets of any channel count. */
  public OpusAudioDecoder(int outputRateHz) {
    if (!OpusConfig.isOpusRate(outputRateHz)) {
      throw new IllegalArgumentException(
          "Opus cannot decode at "
              + outputRateHz
              + " Hz: use 8000, 12000, 16000, 24000 or 48000 Hz (RFC 6716 §2)");
    }
    this.outputRateHz = outputRateHz;
    this.inputFormat = new AudioFormat(Encoding.OPUS, outputRateHz, 1);
    try {
      // Always 48 kHz inside: see Decimator for the Concentus bug this avoids.
      decoder = new OpusDecoder(INTERNAL_RATE_HZ, 1);
    } catch (OpusException | RuntimeException e) {
      throw new IllegalStateException("cannot create Opus decoder", e);
    }
    decimator = outputRateHz == INTERNAL_RATE_HZ ? null : new Decimator(outputRateHz);
    buffer = new short[INTERNAL_RATE_HZ / 1000 * MAX_PACKET_MILLIS];
  }

  /**
   * Output samples of delay this decoder adds beyond the codec's own (the 48 kHz decimation
   * filter): 0 at 48 kHz, 24 samples at lower rates. Ogg Opus readers add it to the pre-skip.
   */
  public int addedDelaySamples() {
    return decimator == null ? 0 : decimator.delaySamples48k() * outputRateHz / INTERNAL_RATE_HZ;
  }

  @Override
  public AudioFormat inputFormat() {
    return inputFormat;
  }

  @Override
  public int outputRateHz() {
    return outputRateHz;
  }

  /**
   * Decodes one packet.
   *
   * @throws IllegalArgumentException {@code "corrupt Opus packet ..."} if the packet cannot be
   *     decoded; the stream stays usable, so callers count it and {@link #conceal} instead
   */
  @Override
  public PcmFrame decode(EncodedFrame frame) {
    byte[] packet = checkedPayload(frame);
    return run(packet, OpusPackets.samples48k(packet), false);
  }

  /**
   * Packet-loss concealment: a plausible continuation of {@code samples} samples (a multiple of 2.5
   * ms at the output rate) in place of a lost packet.
   */
  @Override
  public PcmFrame conceal(int samples) {
    checkLossDuration(samples);
    return run(null, samples * (INTERNAL_RATE_HZ / outputRateHz), false);
  }

  /**
   * Recovers the lost packet that preceded {@code next} from the in-band FEC data in {@code next}
   * (libopus {@code decode_fec=1}, RFC 6716 §2.1.7). Falls back to concealment inside the decoder
   * when {@code next} carries no redundancy. Afterwards decode {@code next} itself as usual.
   *
   * @param samples duration of the lost packet at the output rate, a multiple of 2.5 ms
   */
  public PcmFrame decodeFec(EncodedFrame next, int samples) {
    byte[] packet = checkedPayload(next);
    OpusPackets.samples48k(packet); // validates the TOC before the decoder sees it
    checkLossDuration(samples);
    return run(packet, samples * (INTERNAL_RATE_HZ / outputRateHz), true);
  }

  private PcmFrame run(byte[] packet, int samples48k, boolean fec) {
    int decoded;
    try {
      decoded =
          decoder.decode(packet, 0, packet == null ? 0 : packet.length, buffer, 0, samples48k, fec);
    } catch (OpusException | RuntimeException e) {
      // Concentus signals bad input with checked and unchecked exceptions alike (array bounds
      // included); callers only need to know the packet was bad.
      throw new IllegalArgumentException(
          "corrupt Opus packet ("
              + (packet == null ? 0 : packet.length)
              + " bytes) for "
              + this
              + ": "
              + e.getMessage(),
          e);
    }
    short[] out =
        decimator == null ? Arrays.copyOf(buffer, decoded) : decimator.process(buffer, decoded);
    return new PcmFrame(out, outputRateHz);
  }

  private static byte[] checkedPayload(EncodedFrame frame) {
    if (frame.format().encoding() != Encoding.OPUS) {
      throw new IllegalArgumentException("expected an Opus frame, got " + frame.format());
    }
    return frame.payload();
  }

  private void checkLossDuration(int samples) {
    int quantum = outputRateHz / 400; // 2.5 ms, the shortest Opus frame
    if (samples <= 0 || samples % quantum != 0 || samples > quantum * 48) {
      throw new IllegalArgumentException(
          "lost duration must be a positive multiple of 2.5 ms ("
              + quantum
              + " samples at "
              + outputRateHz
              + " Hz) up to 120 ms, was "
              + samples
              + " samples");
    }
  }

  @Override
  public String toString() {
    return "opus-decode " + outputRateHz + " Hz";
  }
}
