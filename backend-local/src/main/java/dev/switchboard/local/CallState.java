package dev.switchboard.local;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.local.asr.Grammar;
import dev.switchboard.local.asr.SpeechRecognizer;
import dev.switchboard.local.audio.Pcm16;
import dev.switchboard.local.audio.UtteranceSegmenter;
import dev.switchboard.local.flow.Action;
import dev.switchboard.local.flow.FlowEngine;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Everything one offline call knows, confined to its session's worker thread: the input clock, the
 * segmenter, what the flow is listening for, which agent item is still playing, and a voicemail in
 * progress. Turns caller input into flow inputs and flow {@link Action}s into responses.
 */
final class CallState {

  private final String sessionId;
  private final LocalConfig settings;
  private final BackendListener listener;
  private final SpeechRecognizer recognizer;
  private final ResponseWriter writer;
  private final UtteranceSegmenter segmenter;
  private final BooleanSupplier cancelled;
  private final Runnable clearCancel;
  private final FlowEngine engine;
  private final Map<String, Long> audioMillisByItem = new HashMap<>();
  private final Map<String, String> toolByCallId = new HashMap<>();

  private long inputMicros;
  private boolean started;
  private int seq;
  private Action.Listen listening;
  private long noInputDeadlineMs = -1;
  private String audibleItemId;
  private long audibleUntilMs;
  private boolean audibleBargeIn;
  private String userItemId;
  private String previousUserItemId;
  private Voicemail voicemail;

  private record Voicemail(String mailbox, long startMs, long maxMillis, boolean spoke) {
    Voicemail spoken() {
      return new Voicemail(mailbox, startMs, maxMillis, true);
    }
  }

  CallState(
      String sessionId,
      LocalConfig settings,
      BackendListener listener,
      SpeechRecognizer recognizer,
      ResponseWriter writer,
      UtteranceSegmenter segmenter,
      BooleanSupplier cancelled,
      Runnable clearCancel,
      java.util.Set<String> transferTargets) {
    this.sessionId = sessionId;
    this.settings = settings;
    this.listener = listener;
    this.recognizer = recognizer;
    this.writer = writer;
    this.segmenter = segmenter;
    this.cancelled = cancelled;
    this.clearCancel = clearCancel;
    this.engine = new FlowEngine(settings.flow(), transferTargets);
  }

  long nowMs() {
    return inputMicros / 1000;
  }

  void startIfNeeded() {
    if (!started) {
      started = true;
      run(engine.start());
    }
  }

  void onAudio(PcmFrame narrowband, PcmFrame model) {
    startIfNeeded();
    inputMicros += narrowband.durationMicros();
    long now = nowMs();
    switch (segmenter.accept(narrowband, model, now)) {
      case STARTED -> speechStarted(now);
      case ENDED -> speechEnded();
      case NONE -> {}
    }
    checkDeadlines(now);
  }

  private void speechStarted(long now) {
    boolean promptPlaying = now < audibleUntilMs;
    if ((promptPlaying && !audibleBargeIn) || (listening == null && voicemail == null)) {
      // The caller talks over a prompt that may not be interrupted, or nothing is expected
      // (goodbye, transfer): not a turn, and no barge-in.
      segmenter.abandon();
      return;
    }
    userItemId = id("item", "u");
    noInputDeadlineMs = -1;
    listener.onEvent(new BackendEvent.SpeechStarted(userItemId, segmenter.startMs()));
  }

  private void speechEnded() {
    String item = userItemId;
    listener.onEvent(new BackendEvent.SpeechStopped(item, segmenter.endMs()));
    listener.onEvent(new BackendEvent.InputCommitted(item, previousUserItemId));
    previousUserItemId = item;
    byte[] audio = segmenter.takeUtterance();
    if (voicemail != null) {
      voicemail = voicemail.spoken();
      // Free speech has no grammar: the recording is the message; no transcript offline.
      listener.onEvent(new BackendEvent.UserTranscript(item, ""));
      return;
    }
    if (listening == null) {
      listener.onEvent(new BackendEvent.UserTranscript(item, ""));
      return;
    }
    Grammar grammar =
        listening.digits()
            ? Grammar.digits(listening.minDigits(), listening.maxDigits())
            : Grammar.phrases(listening.phrases());
    String text =
        recognizer.recognize(Pcm16.fromLittleEndian(audio, recognizer.sampleRateHz()), grammar);
    listener.onEvent(new BackendEvent.UserTranscript(item, text));
    run(engine.onSpeech(text));
  }

  void commitInput() {
    if (segmenter.inSpeech()) {
      segmenter.abandon();
    }
  }

  void clearInput() {
    segmenter.abandon();
  }

  void text(String text) {
    startIfNeeded();
    String keys = DtmfText.keys(text);
    long now = nowMs();
    if (keys == null) {
      String item = id("item", "u");
      listener.onEvent(new BackendEvent.InputCommitted(item, previousUserItemId));
      previousUserItemId = item;
      listener.onEvent(new BackendEvent.UserTranscript(item, text));
      if (listening != null) {
        run(engine.onSpeech(text));
      }
      return;
    }
    if (voicemail != null) {
      if (keys.indexOf('#') >= 0) {
        endVoicemail(now);
      }
      return;
    }
    if (listening == null) {
      return;
    }
    if (now < audibleUntilMs && audibleBargeIn) {
      // A key press interrupts an interruptible prompt exactly as speech does: the call core's
      // barge-in clears playback, cancels and truncates.
      String item = id("item", "k");
      listener.onEvent(new BackendEvent.SpeechStarted(item, now));
      listener.onEvent(new BackendEvent.SpeechStopped(item, now));
    }
    List<Action> actions = engine.onDigits(keys);
    if (actions.isEmpty()) {
      Duration gap = engine.interDigitTimeout();
      noInputDeadlineMs = gap == null ? noInputDeadlineMs : now + gap.toMillis();
      return;
    }
    run(actions);
  }

  void truncate(String itemId, int contentIndex, Duration heard) {
    long received = audioMillisByItem.getOrDefault(itemId, 0L);
    long clamped = Math.min(heard.toMillis(), received);
    if (itemId.equals(audibleItemId)) {
      long now = nowMs();
      audibleUntilMs = Math.min(audibleUntilMs, now);
      if (listening != null && !segmenter.inSpeech()) {
        noInputDeadlineMs = now + listening.noInputTimeout().toMillis();
      }
    }
    listener.onEvent(new BackendEvent.Truncated(itemId, contentIndex, clamped));
  }

  void toolResult(String callId, String outputJson) {
    String name = toolByCallId.remove(callId);
    if (name == null) {
      return;
    }
    String out = outputJson == null ? "" : outputJson.replace(" ", "");
    boolean ok =
        !out.contains("\"error\"")
            && !out.contains("\"ok\":false")
            && !out.contains("\"success\":false");
    run(engine.onToolResult(name, ok));
  }

  private void checkDeadlines(long now) {
    if (voicemail != null) {
      boolean silentLongEnough =
          !segmenter.inSpeech()
              && now - Math.max(segmenter.endMs(), voicemail.startMs())
                  >= (voicemail.spoke() ? 1 : 2) * (long) settings.voicemailSilenceMillis();
      if (now >= voicemail.startMs()
          && (silentLongEnough || now - voicemail.startMs() >= voicemail.maxMillis())) {
        endVoicemail(now);
      }
      return;
    }
    if (listening != null
        && noInputDeadlineMs >= 0
        && now >= noInputDeadlineMs
        && !segmenter.inSpeech()) {
      noInputDeadlineMs = -1;
      run(engine.onNoInput());
    }
  }

  private void endVoicemail(long now) {
    Voicemail vm = voicemail;
    voicemail = null;
    segmenter.abandon();
    long end = Math.max(vm.startMs(), vm.spoke() ? Math.min(now, segmenter.endMs() + 500) : now);
    String stop =
        "{\"action\":\"stop\",\"mailbox\":\""
            + vm.mailbox()
            + "\",\"audio_start_ms\":"
            + vm.startMs()
            + ",\"audio_end_ms\":"
            + end
            + ",\"speech\":"
            + vm.spoke()
            + "}";
    List<Action> next = new ArrayList<>();
    next.add(new Action.CallTool(FlowEngine.RECORD_VOICEMAIL, stop));
    next.addAll(engine.onVoicemailDone());
    run(next);
  }

  /** Runs a turn of flow actions: one response for the speech and tool calls, then listening. */
  private void run(List<Action> actions) {
    if (actions.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    boolean bargeIn = true;
    List<ResponseWriter.Tool> tools = new ArrayList<>();
    Action.Listen listen = null;
    Action.RecordVoicemail record = null;
    for (Action a : actions) {
      switch (a) {
        case Action.Say s -> {
          text.append(text.isEmpty() ? "" : " ").append(s.text());
          bargeIn &= s.bargeIn();
        }
        case Action.CallTool t -> tools.add(tool(t.name(), t.argumentsJson()));
        case Action.Listen l -> listen = l;
        case Action.RecordVoicemail r -> record = r;
      }
    }
    long now = nowMs();
    if (record != null) {
      // Recording starts once the prompt and beep have played; the recorder cuts this span from
      // the caller track into its own file (see the report's voicemail contract).
      tools.add(
          tool(
              FlowEngine.RECORD_VOICEMAIL,
              "{\"action\":\"start\",\"mailbox\":\""
                  + record.mailbox()
                  + "\",\"max_seconds\":"
                  + record.maxLength().toSeconds()
                  + "}"));
    }
    clearCancel.run();
    String responseId = id("resp", "");
    String itemId = id("item", "a");
    ResponseWriter.Outcome o =
        writer.write(responseId, itemId, text.toString(), record != null, tools, cancelled);
    if (o.audioMillis() > 0) {
      audioMillisByItem.put(itemId, o.audioMillis());
      audibleItemId = itemId;
      audibleUntilMs = now + o.audioMillis();
      audibleBargeIn = bargeIn;
    }
    listening = listen;
    noInputDeadlineMs =
        listen == null ? -1 : Math.max(now, audibleUntilMs) + listen.noInputTimeout().toMillis();
    if (record != null) {
      long start = Math.max(now, audibleUntilMs);
      voicemail = new Voicemail(record.mailbox(), start, record.maxLength().toMillis(), false);
    }
  }

  private ResponseWriter.Tool tool(String name, String args) {
    String callId = id("call", "");
    toolByCallId.put(callId, name);
    return new ResponseWriter.Tool(callId, id("item", "f"), name, args);
  }

  private String id(String kind, String tag) {
    return kind + "_" + sessionId + "_" + tag + (++seq);
  }
}
