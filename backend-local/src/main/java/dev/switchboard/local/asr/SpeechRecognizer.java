package dev.switchboard.local.asr;

import dev.switchboard.transcoding.PcmFrame;

/**
 * Decodes one segmented utterance against a grammar. Implementations are shared by every call of
 * the process and safe to call from many threads (callers may block while a decoder is busy: they
 * run on virtual threads).
 */
public interface SpeechRecognizer {

  /** The PCM rate utterances must have. */
  int sampleRateHz();

  /** The words recognised, lower case and space-separated; {@code ""} when nothing matched. */
  String recognize(PcmFrame utterance, Grammar grammar);
}
