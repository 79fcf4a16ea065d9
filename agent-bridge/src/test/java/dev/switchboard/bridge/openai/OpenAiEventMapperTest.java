package dev.switchboard.bridge.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.transcoding.AudioFormat;
import org.junit.jupiter.api.Test;

class OpenAiEventMapperTest {

  /**
   * Each delta parses its ids afresh; the deltas of one item must carry one shared id instance, so
   * the per-frame lookups by item id downstream find a cached hash and an identical key.
   */
  @Test
  void theDeltasOfOneItemShareOneIdInstanceAndANewItemGetsItsOwn() {
    OpenAiEventMapper mapper = new OpenAiEventMapper(AudioFormat.PCM16_24K);
    BackendEvent.AudioDelta a = delta(mapper, new String("resp_1"), new String("item_1"));
    BackendEvent.AudioDelta b = delta(mapper, new String("resp_1"), new String("item_1"));
    BackendEvent.AudioDelta c = delta(mapper, new String("resp_1"), new String("item_2"));
    assertThat(b.itemId()).isSameAs(a.itemId());
    assertThat(b.responseId()).isSameAs(a.responseId());
    assertThat(c.itemId()).isEqualTo("item_2");
    assertThat(c.responseId()).isSameAs(a.responseId());
    // A delta without an item is malformed: dropped and counted, not thrown at the socket reader.
    assertThat(mapper.map(new ServerEvent.AudioDelta("resp_1", null, 0, new byte[480]))).isEmpty();
    assertThat(mapper.badAudioCount()).isEqualTo(1);
  }

  private static BackendEvent.AudioDelta delta(
      OpenAiEventMapper mapper, String responseId, String itemId) {
    return (BackendEvent.AudioDelta)
        mapper.map(new ServerEvent.AudioDelta(responseId, itemId, 0, new byte[480])).getFirst();
  }
}
