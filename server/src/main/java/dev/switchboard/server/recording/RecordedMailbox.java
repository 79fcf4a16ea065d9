package dev.switchboard.server.recording;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.server.tools.VoicemailTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicemail mailbox backed by the call's recording: each message span the IVR reports is kept
 * until the call's recorder has closed its files, then {@link VoicemailFiles} cuts it out of the
 * caller channel into its own WAV with a transcript entry. The span is cut from the recording
 * itself, so a PCI pause is honoured there too (paused audio is already silence, redacted text
 * stays redacted). Thread-safe: spans arrive on the call's tool thread, are taken on the writer's.
 */
final class RecordedMailbox implements VoicemailTool.Mailbox {

  private static final Logger LOG = LoggerFactory.getLogger(RecordedMailbox.class);

  /**
   * One message: caller audio {@code [audioStartMs, audioEndMs)} of the call.
   *
   * @param speech whether the IVR heard speech in it
   */
  record Span(String mailbox, long audioStartMs, long audioEndMs, boolean speech) {}

  private final Map<String, List<Span>> pending = new ConcurrentHashMap<>();
  private final Map<String, Boolean> recorded = new ConcurrentHashMap<>();

  /** The call has a recorder: its spans will be stored when it finishes. */
  void recording(String callId) {
    recorded.put(callId, true);
  }

  @Override
  public void started(CallInfo call, String mailbox, int maxSeconds) {
    LOG.info(
        "call {}: voicemail for mailbox {} from {} started (at most {} s)",
        call.callId(),
        mailbox,
        call.from(),
        maxSeconds);
  }

  @Override
  public void stopped(
      CallInfo call, String mailbox, long audioStartMs, long audioEndMs, boolean speech) {
    if (!recorded.containsKey(call.callId())) {
      // The flow's recording policy is off: there is no audio to cut the message from.
      LOG.warn(
          "call {}: voicemail for mailbox {} ({} ms) not stored: the flow does not record calls",
          call.callId(),
          mailbox,
          audioEndMs - audioStartMs);
      return;
    }
    pending
        .computeIfAbsent(call.callId(), k -> new ArrayList<>())
        .add(new Span(mailbox, audioStartMs, Math.max(audioStartMs, audioEndMs), speech));
  }

  /** The call's spans, once, in the order they were left. */
  List<Span> take(String callId) {
    recorded.remove(callId);
    List<Span> spans = pending.remove(callId);
    return spans == null ? List.of() : List.copyOf(spans);
  }
}
