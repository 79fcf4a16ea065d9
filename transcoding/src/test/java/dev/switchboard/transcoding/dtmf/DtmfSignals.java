package dev.switchboard.transcoding.dtmf;

import static dev.switchboard.transcoding.fixtures.TestSignals.DBM0_SINE_PEAK;

import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;

/** DTMF tone pairs for tests and a runner that collects a detector's events. */
final class DtmfSignals {

  static final double[] ROWS_HZ = {697, 770, 852, 941};
  static final double[] COLS_HZ = {1209, 1336, 1477, 1633};

  private DtmfSignals() {}

  static double rowHz(char digit) {
    return ROWS_HZ[DtmfEvent.DIGITS.indexOf(digit) / 4];
  }

  static double colHz(char digit) {
    return COLS_HZ[DtmfEvent.DIGITS.indexOf(digit) % 4];
  }

  /** A tone pair with independent frequencies and levels (dBm0 per tone), random-free phases. */
  static short[] pair(double rowHz, double rowDbm0, double colHz, double colDbm0, int samples) {
    short[] out = new short[samples];
    double rowAmp = DBM0_SINE_PEAK * Math.pow(10, rowDbm0 / 20);
    double colAmp = DBM0_SINE_PEAK * Math.pow(10, colDbm0 / 20);
    for (int i = 0; i < samples; i++) {
      double v =
          rowAmp * Math.sin(2 * Math.PI * rowHz * i / 8000 + 0.3)
              + colAmp * Math.sin(2 * Math.PI * colHz * i / 8000 + 1.1);
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return out;
  }

  static short[] digit(char digit, double dbm0PerTone, int millis) {
    return pair(rowHz(digit), dbm0PerTone, colHz(digit), dbm0PerTone, millis * 8);
  }

  /** Runs a fresh detector over the stream in frames of {@code frameSamples}, then flushes. */
  static List<DtmfEvent> detect(short[] stream, int frameSamples) {
    DtmfDetector detector = new DtmfDetector();
    List<DtmfEvent> events = new ArrayList<>();
    for (int off = 0; off < stream.length; off += frameSamples) {
      int n = Math.min(frameSamples, stream.length - off);
      short[] f = new short[n];
      System.arraycopy(stream, off, f, 0, n);
      events.addAll(detector.process(new PcmFrame(f, 8000)));
    }
    events.addAll(detector.flush());
    return events;
  }

  static List<DtmfEvent> starts(List<DtmfEvent> events) {
    return events.stream().filter(e -> !e.ended()).toList();
  }

  static String startDigits(List<DtmfEvent> events) {
    StringBuilder sb = new StringBuilder();
    starts(events).forEach(e -> sb.append(e.digit()));
    return sb.toString();
  }
}
