package dev.switchboard.bridge.openai;

/**
 * Which OpenAI Realtime wire shape to speak. The two are not wire-compatible: GA nests audio
 * settings under {@code session.audio.input/output} and renames the audio events; the preview
 * (selected by the {@code OpenAI-Beta: realtime=v1} header) has a flat session.
 */
public enum Dialect {
  /** The generally available protocol ({@code gpt-realtime}). */
  GA,
  /** The beta protocol still served to clients sending {@code OpenAI-Beta: realtime=v1}. */
  PREVIEW
}
