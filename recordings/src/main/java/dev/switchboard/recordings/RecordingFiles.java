package dev.switchboard.recordings;

import java.nio.file.Path;

/**
 * The files of one recording directory. Stateless.
 *
 * <pre>
 * meta.json          metadata (state: recording | complete | recovered)
 * audio.wav          stereo PCM16, caller left, agent right, on the call clock
 * caller.opus        optional Ogg Opus archive of the caller channel
 * agent.opus         optional Ogg Opus archive of the agent channel
 * transcript.jsonl   one event per line (rewritten in speech order when the call ends)
 * transcript.vtt     WebVTT with Caller/Agent voices
 * transcript.txt     plain text
 * </pre>
 */
public final class RecordingFiles {

  public static final String META = "meta.json";
  public static final String AUDIO = "audio.wav";
  public static final String CALLER_OPUS = "caller.opus";
  public static final String AGENT_OPUS = "agent.opus";
  public static final String TRANSCRIPT = "transcript.jsonl";
  public static final String VTT = "transcript.vtt";
  public static final String TEXT = "transcript.txt";

  private RecordingFiles() {}

  public static Path meta(Path dir) {
    return dir.resolve(META);
  }

  public static Path audio(Path dir) {
    return dir.resolve(AUDIO);
  }

  public static Path transcript(Path dir) {
    return dir.resolve(TRANSCRIPT);
  }
}
