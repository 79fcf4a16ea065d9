package dev.switchboard.server.recording;

import dev.switchboard.recordings.RecordingFiles;
import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import dev.switchboard.recordings.transcript.TranscriptLine;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a finished recording's voicemail messages: {@code voicemail-MAILBOX-N.wav} (mono, the
 * caller channel of {@code audio.wav} over the span) and one {@code voicemail} line per message in
 * the transcript (mailbox, file, what the caller said in the span), then re-renders the transcript
 * files. Runs on the recorder's writer thread after the call's files are closed. Stateless.
 */
final class VoicemailFiles {

  private VoicemailFiles() {}

  /** Returns the files written, relative to {@code dir}. */
  static List<String> write(Path dir, List<RecordedMailbox.Span> spans) throws IOException {
    StereoWavFile.Channels channels = StereoWavFile.read(RecordingFiles.audio(dir));
    short[] caller = channels.caller().samples();
    int rateHz = channels.caller().sampleRateHz();
    List<TranscriptLine> lines =
        new ArrayList<>(TranscriptFiles.read(RecordingFiles.transcript(dir)));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      RecordedMailbox.Span s = spans.get(i);
      // The IVR's span is in milliseconds of caller audio since the call started, the recorder's
      // caller channel is on the same call clock from sample 0: the offsets map one to one.
      int from = (int) Math.min(caller.length, s.audioStartMs() * rateHz / 1000);
      int to = (int) Math.min(caller.length, s.audioEndMs() * rateHz / 1000);
      String file = "voicemail-" + safe(s.mailbox()) + "-" + (i + 1) + ".wav";
      try (WavWriter w = WavWriter.create(dir.resolve(file), AudioFormat.pcm16(rateHz))) {
        w.write(new PcmFrame(Arrays.copyOfRange(caller, from, Math.max(from, to)), rateHz));
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("mailbox", s.mailbox());
      fields.put("file", file);
      fields.put("speech", s.speech());
      fields.put("text", callerText(lines, s));
      lines.add(
          new TranscriptLine(
              "voicemail", s.audioEndMs(), s.audioStartMs(), s.audioEndMs(), fields));
      files.add(file);
    }
    TranscriptFiles.finish(
        RecordingFiles.transcript(dir),
        dir.resolve(RecordingFiles.VTT),
        dir.resolve(RecordingFiles.TEXT),
        lines);
    return files;
  }

  /** What the caller said inside the span; redacted (PCI-paused) lines stay out. */
  private static String callerText(List<TranscriptLine> lines, RecordedMailbox.Span s) {
    return lines.stream()
        .filter(l -> l.type().equals("caller") && !l.redacted())
        .filter(l -> l.endMs() > s.audioStartMs() && l.startMs() < s.audioEndMs())
        .map(TranscriptLine::text)
        .filter(t -> !t.isBlank())
        .collect(Collectors.joining(" "));
  }

  private static String safe(String mailbox) {
    String s = mailbox.replaceAll("[^A-Za-z0-9_-]", "_");
    return s.isEmpty() ? "default" : s;
  }
}
