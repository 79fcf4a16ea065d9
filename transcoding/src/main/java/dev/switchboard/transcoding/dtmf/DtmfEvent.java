package dev.switchboard.transcoding.dtmf;

/**
 * A DTMF key press. The detector reports each press twice: when it is recognised ({@link #ended()}
 * false, {@code durationSamples == ONGOING}) and when the tone stops (same digit and start, the
 * measured duration). Count presses on the start events; use the end event for the duration.
 *
 * @param digit one of {@code 0-9 * # A B C D}
 * @param startSampleIndex index, in the stream fed to the detector since creation or reset, of the
 *     first tone sample (estimated to within a few samples from the block energies)
 * @param durationSamples tone length in 8 kHz samples, or {@link #ONGOING} on the start event
 */
public record DtmfEvent(char digit, long startSampleIndex, long durationSamples) {

  /** Duration of a press that has not ended yet. */
  public static final long ONGOING = -1;

  /** The 16 DTMF keys, in the order of the ITU-T Q.23 table (row by row). */
  public static final String DIGITS = "123A456B789C*0#D";

  public DtmfEvent {
    if (DIGITS.indexOf(digit) < 0) {
      throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
    }
    if (startSampleIndex < 0) {
      throw new IllegalArgumentException("negative start sample: " + startSampleIndex);
    }
    if (durationSamples < ONGOING) {
      throw new IllegalArgumentException("bad duration: " + durationSamples + " samples");
    }
  }

  public static DtmfEvent started(char digit, long startSampleIndex) {
    return new DtmfEvent(digit, startSampleIndex, ONGOING);
  }

  /** True for the event that closes a press (its duration is known). */
  public boolean ended() {
    return durationSamples != ONGOING;
  }

  /** Duration in milliseconds at 8 kHz, or -1 while ongoing. */
  public double durationMillis() {
    return ended() ? durationSamples / 8.0 : -1;
  }
}
