package dev.switchboard.server.cli;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import dev.switchboard.transcoding.io.AudioWriter;
import dev.switchboard.transcoding.resample.Resamplers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard transcode}: converts an audio file in 20 ms frames through the same stages a
 * live call uses (decode, stateful resample, encode), so users and QA can hear and measure what the
 * bridge does to audio.
 */
@Command(
    name = "transcode",
    mixinStandardHelpOptions = true,
    description = {
      "Convert audio in 20 ms frames exactly as a live call does: decode, resample, encode.",
      "Formats: pcmu/8000, pcma/8000, pcm16/RATE, f32/RATE (raw float32, for analysis),"
          + " opus/RATE (Ogg Opus file).",
      "File type by extension: .wav = WAV, .opus/.ogg = Ogg Opus, anything else = raw."
    })
public final class TranscodeCommand implements Callable<Integer> {

  /** The call frame: 20 ms (Twilio media frames and RTP ptime). */
  static final int FRAME_MILLIS = 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--in-format",
      paramLabel = "FORMAT",
      description = "Format of the input; required for raw files, checked against WAV headers.")
  String inFormat;

  @Option(
      names = "--out-format",
      required = true,
      paramLabel = "FORMAT",
      description = "Format to write, e.g. pcm16/24000.")
  String outFormat;

  @Option(names = "--in", required = true, paramLabel = "IN", description = "Input file.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output file.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Result result = transcode();
      err.printf(
          Locale.ROOT,
          "transcoded %s (%s) -> %s (%s): %d frames, %.2f s, chain: %s%n",
          in,
          result.inFormat(),
          out,
          result.outFormat(),
          result.frames(),
          result.seconds(),
          result.chain());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("switchboard transcode: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      err.println("switchboard transcode: no such file: " + e.getFile());
      return 1;
    } catch (IOException | UncheckedIOException e) {
      err.println("switchboard transcode: " + e.getMessage());
      return 1;
    }
  }

  record Result(
      AudioFormat inFormat, AudioFormat outFormat, long frames, double seconds, String chain) {}

  Result transcode() throws IOException {
    AudioFormat declaredIn = inFormat == null ? null : AudioFormat.parse(inFormat);
    AudioFormat target = AudioFormat.parse(outFormat);
    if (target.channels() != 1) {
      throw new IllegalArgumentException("output must be mono (a call leg is mono): " + target);
    }
    if (target.encoding() == Encoding.OPUS && !isOgg(out)) {
      throw new IllegalArgumentException("opus output needs an .opus or .ogg file name: " + out);
    }
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("input and output are the same file: " + in);
    }
    try (AudioReader reader = AudioFiles.openReader(in, declaredIn)) {
      Resampler resampler = Resamplers.create(reader.sampleRateHz(), target.sampleRateHz());
      long frames = 0;
      long samples = 0;
      try (AudioWriter writer = AudioFiles.openWriter(out, target)) {
        int frameSamples = reader.sampleRateHz() * FRAME_MILLIS / 1000;
        for (PcmFrame frame; (frame = reader.read(frameSamples)) != null; ) {
          PcmFrame converted = resampler.process(frame);
          writer.write(converted);
          frames++;
          samples += frame.sampleCount();
        }
      }
      String chain = reader + " -> " + resampler + " -> " + target;
      return new Result(
          reader.format(), target, frames, samples / (double) reader.sampleRateHz(), chain);
    }
  }

  private static boolean isOgg(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".opus") || name.endsWith(".ogg");
  }
}
