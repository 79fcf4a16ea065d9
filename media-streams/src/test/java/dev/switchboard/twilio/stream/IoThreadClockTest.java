package dev.switchboard.twilio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/** Playout ticks run on the bound socket's IO thread; before binding on the shared timer. */
class IoThreadClockTest {

  private final XnioWorker worker;

  IoThreadClockTest() throws Exception {
    worker =
        Xnio.getInstance()
            .createWorker(OptionMap.builder().set(Options.WORKER_IO_THREADS, 1).getMap());
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  @Test
  void aBoundClockFiresOnTheIoThreadAndCancelsThere() throws Exception {
    IoThreadClock clock = new IoThreadClock();
    XnioIoThread io = worker.getIoThread();
    clock.bind(io);
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    long start = clock.nanoTime();
    clock.schedule(Duration.ofMillis(30), () -> ran.complete(Thread.currentThread()));
    AtomicBoolean cancelledRan = new AtomicBoolean();
    clock.schedule(Duration.ofMillis(10), () -> cancelledRan.set(true)).cancel();
    assertThat(ran.get(5, TimeUnit.SECONDS)).isSameAs(ioThreadOf(io));
    assertThat(clock.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(29));
    assertThat(cancelledRan).as("a cancelled tick never runs").isFalse();
  }

  @Test
  void beforeBindingTheSharedTimerRunsTicks() throws Exception {
    IoThreadClock clock = new IoThreadClock();
    CompletableFuture<String> ran = new CompletableFuture<>();
    clock.schedule(Duration.ofMillis(5), () -> ran.complete(Thread.currentThread().getName()));
    assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("switchboard-timer");
  }

  @Test
  void aStoppedWorkerFallsBackToTheSharedTimer() throws Exception {
    IoThreadClock clock = new IoThreadClock();
    clock.bind(worker.getIoThread());
    worker.shutdownNow();
    assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> ran = new CompletableFuture<>();
    clock.schedule(Duration.ofMillis(5), () -> ran.complete(Thread.currentThread().getName()));
    assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("switchboard-timer");
  }

  /** The thread behind an XNIO IO thread handle (it is that thread). */
  private static Thread ioThreadOf(XnioIoThread io) throws Exception {
    CompletableFuture<Thread> t = new CompletableFuture<>();
    io.execute(() -> t.complete(Thread.currentThread()));
    return t.get(5, TimeUnit.SECONDS);
  }
}
