package dev.switchboard.testkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void quantilesKeepTheirResolutionInEachRange() {
    Histogram h = new Histogram();
    for (int i = 1; i <= 98; i++) {
      h.recordMicros(i * 10L); // 0.01 .. 0.98 ms
    }
    h.recordMicros(45_678); // 45.678 ms: 100 µs resolution
    h.recordMicros(5_000_000); // clamps to 1 s
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentileMillis(0.5)).isCloseTo(0.50, within(0.0101));
    assertThat(h.percentileMillis(0.99)).isCloseTo(45.6, within(0.101));
    assertThat(h.percentileMillis(1.0)).isEqualTo(1000.0);
  }

  @Test
  void negativeValuesOrderBelowPositiveOnes() {
    Histogram h = new Histogram();
    h.recordMicros(-81_450);
    h.recordMicros(-19_980);
    h.recordMicros(1_480);
    assertThat(h.percentileMillis(0.0)).isCloseTo(-81.4, within(0.101));
    assertThat(h.percentileMillis(0.5)).isCloseTo(-19.9, within(0.101));
    assertThat(h.percentileMillis(1.0)).isCloseTo(1.48, within(0.0101));
    Histogram sum = new Histogram();
    sum.addAll(h);
    sum.addAll(h);
    assertThat(sum.count()).isEqualTo(6);
    sum.reset();
    assertThat(sum.count()).isZero();
    assertThat(sum.percentileMillis(0.5)).isNaN();
  }

  @Test
  void bucketsAreMonotonic() {
    int last = -1;
    for (long us = -1_000_000; us <= 1_000_000; us += 7) {
      int i = Histogram.index(us);
      assertThat(i).isGreaterThanOrEqualTo(last);
      assertThat(Histogram.micros(i)).isBetween(-1_000_000L, 1_000_000L);
      last = i;
    }
  }
}
