/**
 * Stateful sample-rate conversion between the telephony and model rates (8, 16, 24, 48 kHz): {@link
 * dev.switchboard.transcoding.resample.Resamplers} is the entry point.
 *
 * <p>A rational L/M polyphase FIR whose equiripple (Parks–McClellan) lowpass is designed once per
 * rate pair and shared; each stream owns only its history, carried across frames of any size so
 * that chunked output equals one-shot output exactly and 20 ms frames map to exact sample counts
 * (160 ↔ 480). Plain deterministic float math, no threads.
 *
 * <p>Depends on the JDK and {@code dev.switchboard.transcoding} only.
 */
package dev.switchboard.transcoding.resample;
