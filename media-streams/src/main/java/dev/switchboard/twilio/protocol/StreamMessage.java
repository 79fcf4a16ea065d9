package dev.switchboard.twilio.protocol;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.util.List;
import java.util.Map;

/**
 * One Twilio Media Streams message. Inbound (Twilio to us): {@link Connected}, {@link Start},
 * {@link Media}, {@link Dtmf}, {@link Mark} (echo), {@link Stop}; outbound (us to Twilio): {@link
 * PlayMedia}, {@link Mark}, {@link Clear}. Events we do not know parse to {@link Unknown}: counted
 * and ignored, never thrown (Twilio adds events over time).
 *
 * <p>All records are immutable; safe to share between threads.
 */
public sealed interface StreamMessage {

  /** Twilio's {@code streamSid}, or {@code null} for {@code connected}. */
  String streamSid();

  /** First message on a new socket: {@code {"event":"connected","protocol":"Call",...}}. */
  record Connected(String protocol, String version) implements StreamMessage {
    @Override
    public String streamSid() {
      return null;
    }
  }

  /**
   * Stream metadata, sent once after {@code connected}.
   *
   * @param customParameters the {@code <Parameter>} elements of the {@code <Stream>} TwiML
   */
  record Start(
      long sequenceNumber,
      String streamSid,
      String accountSid,
      String callSid,
      List<String> tracks,
      Map<String, String> customParameters,
      MediaFormat mediaFormat)
      implements StreamMessage {
    public Start {
      tracks = List.copyOf(tracks);
      customParameters = Map.copyOf(customParameters);
    }
  }

  /**
   * The {@code mediaFormat} of a {@code start}. Bidirectional streams are always {@code
   * audio/x-mulaw}, 8000 Hz, mono ("Media Streams - WebSocket Messages", start message).
   */
  record MediaFormat(String encoding, int sampleRateHz, int channels) {
    public static final MediaFormat MULAW_8K = new MediaFormat("audio/x-mulaw", 8000, 1);

    public boolean isMulaw8kMono() {
      return MULAW_8K.equals(this);
    }
  }

  /**
   * Caller audio. Twilio sends numeric fields as strings; they are parsed here.
   *
   * @param chunk chunk number, 1 for the first
   * @param timestampMillis presentation time since the stream started
   * @param audio μ-law 8 kHz payload
   */
  record Media(
      long sequenceNumber,
      String streamSid,
      String track,
      long chunk,
      long timestampMillis,
      EncodedFrame audio)
      implements StreamMessage {}

  /** A key press ({@code dtmf} event, bidirectional streams only). */
  record Dtmf(long sequenceNumber, String streamSid, String track, char digit)
      implements StreamMessage {}

  /**
   * A named mark: outbound after audio we sent; inbound when Twilio echoes it because the audio
   * before it played (or because a {@code clear} dropped it). {@code sequenceNumber} is 0 outbound.
   */
  record Mark(long sequenceNumber, String streamSid, String name) implements StreamMessage {}

  /** The stream ended (caller hung up, or the call moved on in TwiML). */
  record Stop(long sequenceNumber, String streamSid, String accountSid, String callSid)
      implements StreamMessage {}

  /** Agent audio to play: μ-law 8 kHz. */
  record PlayMedia(String streamSid, EncodedFrame audio) implements StreamMessage {
    public PlayMedia {
      if (!AudioFormat.PCMU_8K.equals(audio.format())) {
        throw new IllegalArgumentException(
            "Twilio plays " + AudioFormat.PCMU_8K + " only, got " + audio.format());
      }
    }
  }

  /** Drops all buffered, unplayed audio; Twilio then echoes every pending mark. */
  record Clear(String streamSid) implements StreamMessage {}

  /** An event name we do not handle (counted and ignored). */
  record Unknown(String event, String streamSid) implements StreamMessage {}
}
