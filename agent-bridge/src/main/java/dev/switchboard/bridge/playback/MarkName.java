package dev.switchboard.bridge.playback;

/**
 * Mark names we write after agent frames: {@code sb.GEN.CONTENT.ENDMS.ITEM}. Encoding the playback
 * generation lets the tracker discard the marks Twilio echoes because of a {@code clear} ("clear
 * ... the server will send back mark messages for any marks that were in the buffer", Twilio Media
 * Streams, "Send a clear message"); the item id goes last since it may contain dots.
 *
 * @param generation playback generation (bumped by every clear)
 * @param itemId backend item id
 * @param contentIndex content part
 * @param endMicros cumulative audio of the part played once this mark echoes
 */
record MarkName(long generation, String itemId, int contentIndex, long endMicros) {

  private static final String PREFIX = "sb.";

  String encode() {
    return PREFIX + generation + "." + contentIndex + "." + endMicros + "." + itemId;
  }

  /** Parses a mark name, or returns {@code null} for marks that are not ours. */
  static MarkName parse(String name) {
    if (name == null || !name.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = name.substring(PREFIX.length()).split("\\.", 4);
    if (parts.length != 4) {
      return null;
    }
    try {
      return new MarkName(
          Long.parseLong(parts[0]), parts[3], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
