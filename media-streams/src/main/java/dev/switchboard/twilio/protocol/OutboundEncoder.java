package dev.switchboard.twilio.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The two messages a call sends 50 times a second, {@code media} and {@code mark}, encoded straight
 * to UTF-8 bytes for one stream: the envelope up to the payload, with the stream's quoted {@code
 * streamSid}, is built once per call; each frame only adds its base64 payload (which needs no JSON
 * escaping, RFC 8259 section 7). Byte for byte what {@link StreamCodec#encode} writes for {@link
 * StreamMessage.PlayMedia} and {@link StreamMessage.Mark} without a sequence number. Immutable;
 * thread-safe.
 */
public final class OutboundEncoder {

  private static final byte[] MEDIA_TAIL = "\"}}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MARK_TAIL = "}}".getBytes(StandardCharsets.US_ASCII);

  private final byte[] mediaHead;
  private final byte[] markHead;

  public OutboundEncoder(String streamSid) {
    StringBuilder sid = new StringBuilder();
    StreamCodec.quote(sid, streamSid);
    this.mediaHead =
        ("{\"event\":\"media\",\"streamSid\":" + sid + ",\"media\":{\"payload\":\"")
            .getBytes(StandardCharsets.UTF_8);
    this.markHead =
        ("{\"event\":\"mark\",\"streamSid\":" + sid + ",\"mark\":{\"name\":")
            .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code {"event":"media","streamSid":…,"media":{"payload":"<base64 μ-law>"}}}. */
  public byte[] media(byte[] mulaw) {
    byte[] b64 = Base64.getEncoder().encode(mulaw);
    return concat(mediaHead, b64, MEDIA_TAIL);
  }

  /** {@code {"event":"mark","streamSid":…,"mark":{"name":…}}}. */
  public byte[] mark(String name) {
    StringBuilder quoted = new StringBuilder(name.length() + 2);
    StreamCodec.quote(quoted, name);
    return concat(markHead, quoted.toString().getBytes(StandardCharsets.UTF_8), MARK_TAIL);
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    byte[] out = new byte[a.length + b.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }
}
