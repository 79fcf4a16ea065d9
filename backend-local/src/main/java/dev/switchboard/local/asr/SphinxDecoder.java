package dev.switchboard.local.asr;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.frontend.util.StreamDataSource;
import edu.cmu.sphinx.jsgf.JSGFGrammar;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One Sphinx4 recogniser (front end, flat grammar linguist, breadth-first search) over the bundled
 * en-US 16 kHz acoustic model. Sphinx4 components keep per-utterance state, so one decoder serves
 * one utterance at a time; {@link SphinxRecognizer} pools them.
 *
 * <p>The configuration ({@code sphinx-grammar.config.xml}) differs from the jar's default in two
 * ways that matter for telephony: no Sphinx endpointer in the front end (our VAD has already cut
 * the utterance, and Sphinx's speech marker clipped short words such as "support" at 8 kHz
 * bandwidth), and batch cepstral mean normalisation over the whole utterance (more robust than the
 * live estimate on one-word turns). Dither is added here, see {@link #dither}.
 */
final class SphinxDecoder {

  static final String ACOUSTIC_MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";
  static final String DICTIONARY = "resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
  private static final String CONFIG =
      "resource:/dev/switchboard/local/asr/sphinx-grammar.config.xml";

  private static final int DITHER = 32;

  private final Recognizer recognizer;
  private final JSGFGrammar grammar;
  private final StreamDataSource source;
  private String loadedGrammar;

  SphinxDecoder(Path grammarDir, Grammar initial) {
    try {
      Configuration c = new Configuration();
      c.setAcousticModelPath(ACOUSTIC_MODEL);
      c.setDictionaryPath(DICTIONARY);
      c.setGrammarPath(grammarDir.toUri().toString());
      c.setGrammarName(initial.name());
      c.setUseGrammar(true);
      c.setSampleRate(16000);
      Context context = new Context(CONFIG, c);
      recognizer = context.getInstance(Recognizer.class);
      grammar = context.getInstance(JSGFGrammar.class);
      source = context.getInstance(StreamDataSource.class);
      recognizer.allocate();
      loadedGrammar = initial.name();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the Sphinx4 en-US model", e);
    }
  }

  /** Decodes 16 kHz little-endian PCM; the grammar file must exist in the grammar directory. */
  String decode(byte[] pcm16le, Grammar g) {
    try {
      if (!g.name().equals(loadedGrammar)) {
        // The flat linguist notices the new grammar graph and recompiles at the next utterance.
        grammar.loadJSGF(g.name());
        loadedGrammar = g.name();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot load grammar " + g.name() + ": " + e.getMessage(), e);
    }
    source.setInputStream(new ByteArrayInputStream(dither(pcm16le)));
    StringBuilder text = new StringBuilder();
    Result r;
    while ((r = recognizer.recognize()) != null) {
      String words = r.getBestFinalResultNoFiller();
      if (words != null && !words.isBlank() && !words.contains("<unk>")) {
        text.append(text.isEmpty() ? "" : " ").append(words.trim());
      }
    }
    return text.toString();
  }

  /**
   * Adds ±{@value #DITHER} LSB of uniform noise (about −60 dBFS). Telephone audio upsampled to 16
   * kHz has nothing above 4 kHz, so the model's upper mel filters would see log-of-almost-zero
   * energies that vary wildly; dither makes them a steady floor (menu and yes/no fixtures went from
   * 93 to 100 % correct). Seeded by the utterance so a result never depends on which call the
   * decoder served before.
   */
  private static byte[] dither(byte[] pcm16le) {
    java.util.Random r = new java.util.Random(pcm16le.length);
    byte[] out = new byte[pcm16le.length];
    for (int i = 0; i + 1 < pcm16le.length; i += 2) {
      int s = (short) ((pcm16le[i] & 0xff) | (pcm16le[i + 1] << 8));
      int d = Math.max(-32768, Math.min(32767, s + r.nextInt(2 * DITHER + 1) - DITHER));
      out[i] = (byte) d;
      out[i + 1] = (byte) (d >> 8);
    }
    return out;
  }
}
