/** Injected time for the call core ({@link dev.switchboard.bridge.time.MediaClock}). JDK only. */
package dev.switchboard.bridge.time;
