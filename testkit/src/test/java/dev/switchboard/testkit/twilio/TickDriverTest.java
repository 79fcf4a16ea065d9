package dev.switchboard.testkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickDriverTest {

  @Test
  void everyCallerTicksOnItsOwnPhaseAndAFailingOneDoesNotStopTheOthers() throws Exception {
    try (TickDriver driver = new TickDriver(4)) {
      CountDownLatch first = new CountDownLatch(5);
      CountDownLatch second = new CountDownLatch(5);
      AtomicInteger failures = new AtomicInteger();
      driver.add(first::countDown);
      driver.add(
          () -> {
            failures.incrementAndGet();
            throw new IllegalStateException("caller 2 broke");
          });
      driver.add(second::countDown);
      // Five 20 ms periods take 100 ms; the bound only guards a stalled machine.
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(failures.get()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void aStoppedTickNoLongerRuns() throws Exception {
    try (TickDriver driver = new TickDriver(2)) {
      AtomicInteger stopped = new AtomicInteger();
      CountDownLatch other = new CountDownLatch(1);
      Runnable stop = driver.add(stopped::incrementAndGet);
      stop.run();
      int before = stopped.get();
      // After the other caller ran 3 more periods the stopped one must not have moved.
      CountDownLatch periods = new CountDownLatch(3);
      driver.add(periods::countDown);
      driver.add(other::countDown);
      assertThat(periods.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(other.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(stopped.get()).isEqualTo(before);
    }
  }
}
