package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.recordings.index.CallQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin history search's query parameters → {@link CallQuery}. */
class HistoryRoutesTest {

  @Test
  void everyParameterFilters() {
    CallQuery q =
        HistoryRoutes.query(
            params(
                "from", "2026-01-01T00:00:00Z",
                "before", "2026-02-01T00:00:00Z",
                "number", "+15550000001",
                "flow", "sales",
                "text", "refund",
                "result", "TRANSFERRED",
                "minSeconds", "30",
                "limit", "5"));
    assertThat(q.startedFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(q.startedBefore()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(q.number()).isEqualTo("+15550000001");
    assertThat(q.flow()).isEqualTo("sales");
    assertThat(q.text()).isEqualTo("refund");
    assertThat(q.terminationResult()).isEqualTo("TRANSFERRED");
    assertThat(q.minDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(q.limit()).isEqualTo(5);
  }

  @Test
  void noParametersIsEverythingNewestFirstUpToTheDefaultLimit() {
    assertThat(HistoryRoutes.query(Map.of())).isEqualTo(CallQuery.all());
  }

  @Test
  void badValuesAreRefusedNamingThem() {
    assertThatThrownBy(() -> HistoryRoutes.query(params("limit", "many")))
        .hasMessageContaining("'many'");
    assertThatThrownBy(() -> HistoryRoutes.query(params("limit", "0")))
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> HistoryRoutes.query(params("from", "yesterday")))
        .isInstanceOf(DateTimeParseException.class);
  }

  private static Map<String, Deque<String>> params(String... kv) {
    Map<String, Deque<String>> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], new ArrayDeque<>(List.of(kv[i + 1])));
    }
    return m;
  }
}
