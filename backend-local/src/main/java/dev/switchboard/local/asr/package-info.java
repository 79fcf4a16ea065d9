/**
 * Speech recognition for the offline backend: {@link dev.switchboard.local.asr.SpeechRecognizer}
 * and its CMU Sphinx4 grammar-mode implementation, with JSGF {@link
 * dev.switchboard.local.asr.Grammar}s built from a flow step's phrases or digit lengths.
 *
 * <p>Depends on Sphinx4 (with its bundled en-US model), the transcoding module and the JDK.
 */
package dev.switchboard.local.asr;
