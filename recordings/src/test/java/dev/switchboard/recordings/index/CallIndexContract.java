package dev.switchboard.recordings.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index behaviour every database must show; subclasses supply a fresh, migrated index. */
abstract class CallIndexContract {

  static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

  abstract CallIndex index();

  static IndexedCall call(
      String id,
      int hour,
      String from,
      String flow,
      long durationMs,
      String result,
      long bargeIns,
      boolean degraded,
      boolean recovered,
      String text) {
    return new IndexedCall(
        id,
        "twilio",
        "CA" + id,
        from,
        "+15550100",
        flow,
        "openai",
        "gpt-realtime",
        DAY.plus(Duration.ofHours(hour)),
        DAY.plus(Duration.ofHours(hour)).plusMillis(durationMs),
        durationMs,
        result,
        "",
        bargeIns,
        1000,
        2000,
        new BigDecimal("0.1234"),
        degraded,
        recovered,
        0,
        "2026/03/01/" + id,
        null,
        text);
  }

  void seed() {
    CallIndex i = index();
    i.upsert(
        call(
            "c1",
            1,
            "+15550001",
            "billing",
            30_000,
            "COMPLETED_CALLER_HANGUP",
            0,
            false,
            false,
            "I want to pay my invoice"));
    i.upsert(
        call(
            "c2",
            2,
            "+15550002",
            "billing",
            300_000,
            "TRANSFERRED",
            3,
            false,
            false,
            "transfer me to a human please"));
    i.upsert(
        call(
            "c3",
            3,
            "+15550001",
            "support",
            90_000,
            "BACKEND_FAILED",
            1,
            true,
            false,
            "my router keeps blinking"));
    i.upsert(
        call(
            "c4",
            30,
            "+15550003",
            "support",
            10_000,
            "ERROR",
            0,
            false,
            true,
            "hello is anyone there"));
  }

  private static List<String> ids(List<IndexedCall> calls) {
    return calls.stream().map(IndexedCall::callId).toList();
  }

  @Test
  void queriesByEveryFilter() {
    seed();
    CallIndex i = index();
    assertThat(ids(i.search(CallQuery.all()))).containsExactly("c4", "c3", "c2", "c1");
    assertThat(ids(i.search(CallQuery.all().between(DAY, DAY.plus(Duration.ofHours(2))))))
        .containsExactly("c1");
    assertThat(ids(i.search(CallQuery.all().withNumber("+15550001")))).containsExactly("c3", "c1");
    assertThat(ids(i.search(CallQuery.all().withFlow("billing")))).containsExactly("c2", "c1");
    assertThat(ids(i.search(CallQuery.all().withDuration(Duration.ofMinutes(1), null))))
        .containsExactly("c3", "c2");
    assertThat(ids(i.search(CallQuery.all().withTermination("TRANSFERRED")))).containsExactly("c2");
    assertThat(ids(i.search(CallQuery.all().withMinBargeIns(1)))).containsExactly("c3", "c2");
    assertThat(ids(i.search(CallQuery.all().withFlags(true, null)))).containsExactly("c3");
    assertThat(ids(i.search(CallQuery.all().withFlags(null, true)))).containsExactly("c4");
    assertThat(ids(i.search(CallQuery.all().withText("router")))).containsExactly("c3");
    assertThat(ids(i.search(CallQuery.all().withText("human transfer")))).containsExactly("c2");
    assertThat(ids(i.search(CallQuery.all().withText("router human")))).isEmpty();
    // User text is never query syntax.
    assertThat(ids(i.search(CallQuery.all().withText("\" OR 1=1 --")))).isEmpty();
    assertThat(ids(i.search(CallQuery.all().withFlow("support").withText("hello"))))
        .containsExactly("c4");
  }

  @Test
  void upsertReplacesTheRowAndItsSearchText() {
    seed();
    CallIndex i = index();
    i.upsert(
        call(
            "c1",
            1,
            "+15550001",
            "billing",
            31_000,
            "COMPLETED_AGENT_HANGUP",
            2,
            false,
            false,
            "refund my subscription"));
    IndexedCall c1 = i.get("c1").orElseThrow();
    assertThat(c1.durationMs()).isEqualTo(31_000);
    assertThat(c1.costUsd()).isEqualByComparingTo("0.1234");
    assertThat(c1.startedAt()).isEqualTo(DAY.plus(Duration.ofHours(1)));
    assertThat(ids(i.search(CallQuery.all().withText("invoice")))).isEmpty();
    assertThat(ids(i.search(CallQuery.all().withText("refund")))).containsExactly("c1");
  }

  @Test
  void retentionSelectionIsPerFlow() {
    seed();
    CallIndex i = index();
    Instant cutoff = DAY.plus(Duration.ofHours(2).plusMinutes(30));
    assertThat(ids(i.startedBefore(cutoff, "billing", List.of())))
        .containsExactlyInAnyOrder("c1", "c2");
    assertThat(ids(i.startedBefore(DAY.plus(Duration.ofDays(2)), null, List.of("billing"))))
        .containsExactlyInAnyOrder("c3", "c4");
    assertThat(i.delete("c1")).isTrue();
    assertThat(i.delete("c1")).isFalse();
    assertThat(ids(i.search(CallQuery.all().withText("invoice")))).isEmpty();
  }
}
