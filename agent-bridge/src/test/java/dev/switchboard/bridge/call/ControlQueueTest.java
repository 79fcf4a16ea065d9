package dev.switchboard.bridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlQueueTest {

  @Test
  void urgentOvertakesAndOverflowDropsCallerAudioFirst() {
    ControlQueue q = new ControlQueue(2, 3);
    List<String> ran = new ArrayList<>();
    assertThat(q.offer(() -> ran.add("audio1"), ControlQueue.Kind.CALLER_AUDIO)).isTrue();
    assertThat(q.offer(() -> ran.add("audio2"), ControlQueue.Kind.CALLER_AUDIO)).isTrue();
    assertThat(q.offer(() -> ran.add("audio3"), ControlQueue.Kind.CALLER_AUDIO)).isFalse();
    assertThat(q.offer(() -> ran.add("event"), ControlQueue.Kind.EVENT)).isTrue();
    assertThat(q.offer(() -> ran.add("hangup"), ControlQueue.Kind.URGENT)).isTrue();
    Runnable r;
    while ((r = q.poll()) != null) {
      r.run();
    }
    assertThat(ran).containsExactly("hangup", "audio1", "audio2", "event");
    assertThat(q.droppedAudio()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      q.offer(() -> {}, ControlQueue.Kind.EVENT);
    }
    assertThat(q.offer(() -> {}, ControlQueue.Kind.EVENT)).isFalse();
    assertThat(q.droppedEvents()).isEqualTo(1);
  }
}
