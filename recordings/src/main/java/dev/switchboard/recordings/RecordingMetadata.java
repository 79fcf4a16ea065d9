package dev.switchboard.recordings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code meta.json} beside each recording: who called whom, which flow and model, the call's times
 * and {@code Termination}, counters, usage and cost, and whether the recording is whole. Written
 * when the call starts ({@code state = recording}) and replaced atomically when it ends, so a file
 * still saying {@code recording} at start-up marks a call cut short by a crash.
 *
 * <p>Immutable; safe to share between threads. Times are ISO-8601 instants; {@code *_ms} fields are
 * on the call clock.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordingMetadata(
    int version,
    String callId,
    String transport,
    String carrierCallId,
    Map<String, String> carrierIds,
    String from,
    String to,
    String flow,
    String backend,
    String model,
    String startedAt,
    Long answerMs,
    String endedAt,
    Long durationMs,
    String terminationResult,
    String terminationReason,
    long bargeIns,
    long inputAudioTokens,
    long inputTextTokens,
    long outputAudioTokens,
    long outputTextTokens,
    BigDecimal costUsd,
    String state,
    boolean degraded,
    long droppedFrames,
    boolean recovered,
    List<PausedSpan> pausedSpans,
    Audio audio,
    String transcript,
    String replayOf) {

  public static final String RECORDING = "recording";
  public static final String COMPLETE = "complete";
  public static final String RECOVERED = "recovered";

  /** A PCI pause on the call clock. */
  public record PausedSpan(long startMs, long endMs, String reason) {}

  /** The audio file and its format. */
  public record Audio(String file, int sampleRateHz, int channels, String archive) {}

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Writes to {@code file} through a temporary file and an atomic rename. */
  public void writeTo(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(this));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static RecordingMetadata read(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), RecordingMetadata.class);
    } catch (IOException e) {
      throw new IOException("cannot read recording metadata " + file + ": " + e.getMessage(), e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public RecordingMetadata withRecovered(long durationMs, String endedAt, long bargeInCount) {
    return new RecordingMetadata(
        version,
        callId,
        transport,
        carrierCallId,
        carrierIds,
        from,
        to,
        flow,
        backend,
        model,
        startedAt,
        answerMs,
        endedAt,
        durationMs,
        terminationResult == null ? "ERROR" : terminationResult,
        terminationReason == null ? "recording recovered after a crash" : terminationReason,
        Math.max(bargeIns, bargeInCount),
        inputAudioTokens,
        inputTextTokens,
        outputAudioTokens,
        outputTextTokens,
        costUsd,
        RECOVERED,
        degraded,
        droppedFrames,
        true,
        pausedSpans,
        audio,
        transcript,
        replayOf);
  }
}
