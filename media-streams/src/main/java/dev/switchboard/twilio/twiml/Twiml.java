package dev.switchboard.twilio.twiml;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Sip;
import com.twilio.twiml.voice.Stream;
import java.util.Map;

/** The TwiML documents Switchboard answers with. Stateless. */
public final class Twiml {

  private Twiml() {}

  /**
   * {@code <Connect action="…"><Stream url="wss://…"><Parameter …/></Stream></Connect>}: a
   * bidirectional Media Stream ("TwiML Voice: Stream"; only {@code <Connect>} streams can send
   * audio back). The stream URL may not carry a query string, so the one-time token and other data
   * ride in {@code <Parameter>}s, which Twilio returns in the {@code start} message's {@code
   * customParameters}. When the stream ends, Twilio requests {@code actionUrl} for what follows.
   */
  public static String connectStream(
      String streamUrl, String actionUrl, Map<String, String> parameters) {
    if (streamUrl.indexOf('?') >= 0) {
      throw new IllegalArgumentException(
          "Twilio stream URLs take no query string; use parameters: " + streamUrl);
    }
    Stream.Builder stream = new Stream.Builder().url(streamUrl);
    parameters.forEach(
        (name, value) -> stream.parameter(new Parameter.Builder().name(name).value(value).build()));
    Connect connect =
        new Connect.Builder()
            .action(actionUrl).method(HttpMethod.POST).stream(stream.build()).build();
    return new VoiceResponse.Builder().connect(connect).build().toXml();
  }

  /** A polite message, then hang up (over capacity, draining, unknown number). */
  public static String sayAndHangUp(String message) {
    return new VoiceResponse.Builder()
        .say(new Say.Builder(message).build())
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  /** A polite message, then dial {@code number} (the configured fallback). */
  public static String sayAndDial(String message, String number) {
    return new VoiceResponse.Builder()
        .say(new Say.Builder(message).build())
        .dial(new Dial.Builder(number).build())
        .build()
        .toXml();
  }

  /**
   * {@code <Dial>target</Dial>}: the transfer the agent chose; SIP URIs as {@code <Dial><Sip>}
   * ("TwiML Voice: Sip").
   */
  public static String dial(String target) {
    Dial dial =
        target.startsWith("sip:") || target.startsWith("sips:")
            ? new Dial.Builder().sip(new Sip.Builder(target).build()).build()
            : new Dial.Builder(target).build();
    return new VoiceResponse.Builder().dial(dial).build().toXml();
  }

  public static String hangUp() {
    return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
  }
}
