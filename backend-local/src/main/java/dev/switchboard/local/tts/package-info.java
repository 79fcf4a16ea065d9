/**
 * Speech synthesis for the offline backend: the small {@link
 * dev.switchboard.local.tts.SpeechSynthesizer} interface and its FreeTTS implementation, which
 * streams PCM chunks as each sentence is synthesised.
 *
 * <p>Depends on FreeTTS, the transcoding module and the JDK. Optional alternative engine: {@code
 * flite} (Debian) run as a subprocess behind the same interface; not bundled.
 */
package dev.switchboard.local.tts;
