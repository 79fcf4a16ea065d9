package dev.switchboard.recordings;

import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.recordings.audio.PausedSpans;
import dev.switchboard.recordings.audio.StereoTimeline;
import dev.switchboard.recordings.transcript.TranscriptBuilder;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import dev.switchboard.recordings.transcript.TranscriptLine;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioWriter;
import dev.switchboard.transcoding.io.OggOpusWriter;
import dev.switchboard.transcoding.io.WavWriter;
import dev.switchboard.transcoding.opus.OpusConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One recording's files, written from one thread: the stereo WAV (and optional Opus archives), the
 * transcript and the metadata. {@link CallRecorder} feeds it from its queue; tests may drive it
 * directly. Confined to the writer thread.
 */
final class RecordingWriter {

  private final Path dir;
  private final RecordingConfig config;
  private final CallContext context;
  private final PausedSpans paused = new PausedSpans();
  private final StereoTimeline timeline;
  private final TranscriptBuilder transcript = new TranscriptBuilder(paused);
  private final List<TranscriptLine> lines = new ArrayList<>();
  private final WavWriter wav;
  private final AudioWriter callerOpus;
  private final AudioWriter agentOpus;
  private final TranscriptFiles jsonl;
  private Long answerMs;
  private long bargeIns;
  private Usage usage = Usage.NONE;
  private CallEvent.CallEnded ended;
  private Duration latest = Duration.ZERO;

  RecordingWriter(Path dir, RecordingConfig config, CallContext context) throws IOException {
    this.dir = dir;
    this.config = config;
    this.context = context;
    int rate = config.sampleRateHz();
    this.timeline =
        new StereoTimeline(rate, config.alignmentTolerance(), config.holdback(), paused);
    this.wav =
        WavWriter.create(RecordingFiles.audio(dir), new AudioFormat(Encoding.PCM16, rate, 2));
    this.callerOpus =
        config.archiveOpus() ? archive(dir.resolve(RecordingFiles.CALLER_OPUS), rate) : null;
    this.agentOpus =
        config.archiveOpus() ? archive(dir.resolve(RecordingFiles.AGENT_OPUS), rate) : null;
    this.jsonl = TranscriptFiles.append(RecordingFiles.transcript(dir));
    metadata(RecordingMetadata.RECORDING, false, 0).writeTo(RecordingFiles.meta(dir));
  }

  /**
   * The archive's Opus settings: SILK speech at 12 kbit/s narrowband (16 kbit/s wider), complexity
   * 0 and no FEC (a file loses no packets). Complexity 5, the call default, costs Concentus ~3× the
   * CPU per frame (measured ~200-350 µs vs ~65-90 µs per 20 ms at 8 kHz) for no audible gain on
   * telephone speech, and this runs for every recorded call.
   */
  static OpusConfig archiveConfig(int rateHz) {
    return OpusConfig.voip(rateHz)
        .withInbandFec(false, 0)
        .withComplexity(0)
        .withBitrateBps(rateHz == 8000 ? 12_000 : 16_000);
  }

  private static AudioWriter archive(Path file, int rateHz) throws IOException {
    return OggOpusWriter.create(file, archiveConfig(rateHz));
  }

  void callerAudio(Duration at, PcmFrame frame) {
    latest = max(latest, at);
    timeline.callerAudio(at, frame);
    transcript.callerAudio(at, frame);
  }

  void agentAudio(Duration at, PcmFrame frame) {
    timeline.agentAudio(at, frame);
    transcript.agentAudio(at, frame);
  }

  void pause(Duration at, String reason) throws IOException {
    if (paused.pause(at, reason)) {
      line(transcript.pauseLine(at, reason));
    }
  }

  void resume(Duration at) throws IOException {
    if (paused.resume(at)) {
      line(transcript.resumeLine(at));
    }
  }

  void event(CallEvent event) throws IOException {
    latest = max(latest, event.at());
    timeline.advance(event.at());
    switch (event) {
      case CallEvent.CallStarted s -> answerMs = s.at().toMillis();
      case CallEvent.PlaybackCleared c -> {
        timeline.playbackCleared(c.at());
        transcript.playbackCleared(c.at());
      }
      case CallEvent.BargeIn b -> bargeIns++;
      case CallEvent.UsageReported u -> usage = usage.plus(u.usage());
      case CallEvent.Dtmf d when d.digit() == config.pauseDigit() -> pause(d.at(), "dtmf");
      case CallEvent.CallEnded e -> ended = e;
      default -> {}
    }
    for (TranscriptLine l : transcript.onEvent(event)) {
      line(l);
    }
    if (event instanceof CallEvent.Dtmf d && d.digit() == config.resumeDigit()) {
      resume(d.at()); // after the line: the resume key itself stays redacted
    }
  }

  private void line(TranscriptLine l) throws IOException {
    lines.add(l);
    jsonl.write(l);
  }

  /** Writes what the holdback allows and flushes every file (header kept valid). */
  void flush() throws IOException {
    write(timeline.drain());
    wav.flush();
    if (callerOpus != null) {
      callerOpus.flush();
      agentOpus.flush();
    }
    jsonl.flush();
  }

  private void write(StereoTimeline.Stereo s) throws IOException {
    if (s == null) {
      return;
    }
    wav.writeStereo(s.left(), s.right());
    if (callerOpus != null) {
      callerOpus.write(s.left());
      agentOpus.write(s.right());
    }
  }

  boolean ended() {
    return ended != null;
  }

  /** Writes the rest, closes every file and returns the final metadata. */
  RecordingMetadata finish(boolean degraded, long droppedFrames) throws IOException {
    Duration end = ended != null ? ended.at() : latest;
    write(timeline.drainAll(end));
    wav.close();
    if (callerOpus != null) {
      callerOpus.close();
      agentOpus.close();
    }
    jsonl.close();
    TranscriptFiles.finish(
        RecordingFiles.transcript(dir),
        dir.resolve(RecordingFiles.VTT),
        dir.resolve(RecordingFiles.TEXT),
        lines);
    RecordingMetadata meta = metadata(RecordingMetadata.COMPLETE, degraded, droppedFrames);
    meta.writeTo(RecordingFiles.meta(dir));
    return meta;
  }

  private RecordingMetadata metadata(String state, boolean degraded, long droppedFrames) {
    var info = context.info();
    Duration end = ended != null ? ended.at() : null;
    List<RecordingMetadata.PausedSpan> spans =
        paused.snapshot(end == null ? latest : end).stream()
            .map(
                s ->
                    new RecordingMetadata.PausedSpan(
                        s.start().toMillis(), s.end().toMillis(), s.reason()))
            .toList();
    return new RecordingMetadata(
        1,
        info.callId(),
        info.transport(),
        info.carrierCallId(),
        info.metadata(),
        info.from(),
        info.to(),
        context.flow(),
        context.backend(),
        context.model(),
        context.startedAt().toString(),
        answerMs,
        end == null ? null : context.startedAt().plus(end).toString(),
        end == null ? null : end.toMillis(),
        ended == null ? null : ended.termination().result().name(),
        ended == null ? null : ended.termination().reason(),
        bargeIns,
        usage.inputAudioTokens(),
        usage.inputTextTokens(),
        usage.outputAudioTokens(),
        usage.outputTextTokens(),
        context.prices().cost(usage),
        state,
        degraded,
        droppedFrames,
        false,
        spans,
        new RecordingMetadata.Audio(
            RecordingFiles.AUDIO,
            config.sampleRateHz(),
            2,
            config.archiveOpus()
                ? RecordingFiles.CALLER_OPUS + "," + RecordingFiles.AGENT_OPUS
                : null),
        RecordingFiles.TRANSCRIPT,
        context.replayOf());
  }

  /** Closes files without finishing (the recorder failed); the recovery scan repairs them. */
  void abandon() {
    for (java.io.Closeable c : new java.io.Closeable[] {wav, callerOpus, agentOpus, jsonl}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException | RuntimeException e) {
        // best effort: recovery handles what is left
      }
    }
  }

  Duration latest() {
    return latest;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
