package dev.switchboard.sip.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP session (RFC 8866 §5): the origin fields we need to keep for offer/answer (RFC 3264
 * §8: the version increments on every new offer or answer), the session-level {@code c=} address
 * and attributes, and the media sections in order.
 */
public record SessionDescription(
    String originUser,
    long sessionId,
    long sessionVersion,
    String originAddress,
    String sessionName,
    String connectionAddress,
    List<Attribute> attributes,
    List<MediaDescription> media) {

  public SessionDescription {
    attributes = List.copyOf(attributes);
    media = List.copyOf(media);
  }

  /** The first {@code m=audio} section, if any. */
  public Optional<MediaDescription> audio() {
    return media.stream().filter(m -> m.media().equals("audio")).findFirst();
  }

  /** The connection address that applies to {@code m} (media-level wins, RFC 8866 §5.7). */
  public String connectionFor(MediaDescription m) {
    return m.connectionAddress() != null ? m.connectionAddress() : connectionAddress;
  }

  /** Session-level direction attribute, if any (media-level wins where both exist). */
  public Optional<Direction> sessionDirection() {
    return attributes.stream()
        .map(a -> Direction.fromAttribute(a.name()))
        .filter(d -> d != null)
        .findFirst();
  }

  public SessionDescription withVersion(long version) {
    return new SessionDescription(
        originUser,
        sessionId,
        version,
        originAddress,
        sessionName,
        connectionAddress,
        attributes,
        media);
  }
}
