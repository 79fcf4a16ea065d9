package dev.switchboard.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The one parse/encode pair for SDP (RFC 8866). Lenient where interop demands it (LF-only line
 * ends, unknown line types are skipped, RFC 8866 §5) and strict where a mistake would misroute
 * media (missing {@code v=}/{@code o=}, bad {@code m=} or {@code c=} lines are {@link
 * SdpException}s with status 400).
 */
public final class Sdp {

  /** Upper bound on the body we parse; real audio offers are well under 4 KiB. */
  public static final int MAX_LENGTH = 16 * 1024;

  private Sdp() {}

  public static SessionDescription parse(String text) throws SdpException {
    if (text == null || text.isBlank()) {
      throw SdpException.malformed("empty SDP body");
    }
    if (text.length() > MAX_LENGTH) {
      throw SdpException.malformed("SDP body of " + text.length() + " chars is too long");
    }
    String[] lines = text.split("\r?\n");
    if (!lines[0].startsWith("v=0")) {
      throw SdpException.malformed("SDP must start with v=0, was '" + abbreviate(lines[0]) + "'");
    }
    String originUser = null;
    long sessionId = 0;
    long sessionVersion = 0;
    String originAddress = null;
    String sessionName = "-";
    String sessionConnection = null;
    List<Attribute> sessionAttributes = new ArrayList<>();
    List<MediaDescription> media = new ArrayList<>();
    MediaBuilder current = null;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw SdpException.malformed("bad SDP line " + (i + 1) + ": '" + abbreviate(line) + "'");
      }
      char type = line.charAt(0);
      String value = line.substring(2).trim();
      switch (type) {
        case 'o' -> {
          String[] f = value.split(" +");
          if (f.length != 6) {
            throw SdpException.malformed("bad o= line: '" + abbreviate(value) + "'");
          }
          originUser = f[0];
          sessionId = parseLong(f[1], "o= session id");
          sessionVersion = parseLong(f[2], "o= session version");
          originAddress = f[5];
        }
        case 's' -> sessionName = value.isEmpty() ? "-" : value;
        case 'c' -> {
          String address = parseConnection(value);
          if (current == null) {
            sessionConnection = address;
          } else {
            current.connection = address;
          }
        }
        case 'm' -> {
          if (current != null) {
            media.add(current.build());
          }
          current = parseMediaLine(value);
        }
        case 'a' -> {
          int colon = value.indexOf(':');
          Attribute a =
              colon < 0
                  ? Attribute.property(value)
                  : new Attribute(value.substring(0, colon), value.substring(colon + 1));
          if (current == null) {
            sessionAttributes.add(a);
          } else {
            current.attributes.add(a);
          }
        }
        default -> {
          // t=, b=, i=, k=... carry nothing the audio answer needs (RFC 8866 §5).
        }
      }
    }
    if (current != null) {
      media.add(current.build());
    }
    if (originUser == null) {
      throw SdpException.malformed("SDP has no o= line");
    }
    return new SessionDescription(
        originUser,
        sessionId,
        sessionVersion,
        originAddress,
        sessionName,
        sessionConnection,
        sessionAttributes,
        media);
  }

  /** Writes {@code sdp} with CRLF line ends (RFC 8866 §5). */
  public static String encode(SessionDescription sdp) {
    StringBuilder b = new StringBuilder(256);
    b.append("v=0\r\n");
    b.append("o=")
        .append(sdp.originUser())
        .append(' ')
        .append(sdp.sessionId())
        .append(' ')
        .append(sdp.sessionVersion())
        .append(" IN ")
        .append(addressType(sdp.originAddress()))
        .append(' ')
        .append(sdp.originAddress())
        .append("\r\n");
    b.append("s=").append(sdp.sessionName()).append("\r\n");
    if (sdp.connectionAddress() != null) {
      appendConnection(b, sdp.connectionAddress());
    }
    b.append("t=0 0\r\n");
    for (Attribute a : sdp.attributes()) {
      b.append("a=").append(a).append("\r\n");
    }
    for (MediaDescription m : sdp.media()) {
      b.append("m=")
          .append(m.media())
          .append(' ')
          .append(m.port())
          .append(' ')
          .append(m.protocol());
      for (String f : m.formats()) {
        b.append(' ').append(f);
      }
      b.append("\r\n");
      if (m.connectionAddress() != null) {
        appendConnection(b, m.connectionAddress());
      }
      for (Attribute a : m.attributes()) {
        b.append("a=").append(a).append("\r\n");
      }
    }
    return b.toString();
  }

  private static void appendConnection(StringBuilder b, String address) {
    b.append("c=IN ").append(addressType(address)).append(' ').append(address).append("\r\n");
  }

  private static String addressType(String address) {
    return address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }

  private static String parseConnection(String value) throws SdpException {
    String[] f = value.split(" +");
    if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
      throw SdpException.malformed("bad c= line: '" + abbreviate(value) + "'");
    }
    // Multicast TTL suffixes (RFC 8866 §5.7) are not for us; keep the address part.
    int slash = f[2].indexOf('/');
    return slash < 0 ? f[2] : f[2].substring(0, slash);
  }

  private static MediaBuilder parseMediaLine(String value) throws SdpException {
    String[] f = value.split(" +");
    if (f.length < 4) {
      throw SdpException.malformed("bad m= line: '" + abbreviate(value) + "'");
    }
    String portText = f[1];
    int slash = portText.indexOf('/');
    if (slash >= 0) {
      portText = portText.substring(0, slash);
    }
    int port = (int) parseLong(portText, "m= port");
    if (port < 0 || port > 65535) {
      throw SdpException.malformed("m= port out of range: " + port);
    }
    MediaBuilder m = new MediaBuilder();
    m.media = f[0];
    m.port = port;
    m.protocol = f[2];
    for (int i = 3; i < f.length; i++) {
      m.formats.add(f[i]);
    }
    return m;
  }

  private static long parseLong(String text, String what) throws SdpException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      // Some UAs put huge numbers in o= ids; they only need to be echoed back, not added to.
      if (text.matches("[0-9]{19,40}")) {
        return Long.parseLong(text.substring(0, 18));
      }
      throw SdpException.malformed("bad number in " + what + ": '" + abbreviate(text) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static final class MediaBuilder {
    String media;
    int port;
    String protocol;
    final List<String> formats = new ArrayList<>();
    String connection;
    final List<Attribute> attributes = new ArrayList<>();

    MediaDescription build() {
      return new MediaDescription(media, port, protocol, formats, connection, attributes);
    }
  }
}
