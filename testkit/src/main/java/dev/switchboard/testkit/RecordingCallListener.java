package dev.switchboard.testkit;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every call event and counts tapped frames. Test thread only. */
public final class RecordingCallListener implements CallEventListener {

  private final List<CallEvent> events = new ArrayList<>();
  private long callerFrames;
  private long agentFrames;

  @Override
  public void onEvent(CallEvent event) {
    events.add(event);
  }

  @Override
  public void onCallerAudio(Duration at, PcmFrame frame) {
    callerFrames++;
  }

  @Override
  public void onAgentAudio(Duration at, PcmFrame frame) {
    agentFrames++;
  }

  public List<CallEvent> events() {
    return events;
  }

  public <T extends CallEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public long callerFrames() {
    return callerFrames;
  }

  public long agentFrames() {
    return agentFrames;
  }
}
