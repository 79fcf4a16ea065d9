package dev.switchboard.server.flow;

/**
 * What to do instead of (or after) talking to the agent: after hours, on a backend failure, or on a
 * DTMF digit.
 *
 * @param kind the action
 * @param target transfer target name (a key of the flow's {@code transfers}) for {@code TRANSFER}
 * @param text what to say ({@code MESSAGE}, {@code APOLOGY_HANGUP}) or send to the model ({@code
 *     TEXT})
 */
public record FlowAction(Kind kind, String target, String text) {

  /** Action kinds, as written in YAML in lower case. */
  public enum Kind {
    /** Hand the caller to a named transfer target. */
    TRANSFER,
    /** Say a message, then hang up. */
    MESSAGE,
    /** Hang up at once. */
    HANGUP,
    /** Take a voicemail (recorded by the recordings module). */
    VOICEMAIL,
    /** Continue on the offline IVR flow ({@code ivr} subtree). */
    IVR,
    /** Apologise, then hang up. */
    APOLOGY_HANGUP,
    /** Send text to the model (DTMF only). */
    TEXT
  }
}
