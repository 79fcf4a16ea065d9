package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import dev.switchboard.transcoding.io.AudioWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** 8 kHz test audio for baresip: espeak-ng speech, WAV read/write. Stateless. */
final class CallerAudio {

  static final int RATE_HZ = 8000;

  private CallerAudio() {}

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/espeak-ng"))
        && Files.isExecutable(Path.of("/usr/bin/sox"));
  }

  /** {@code text} spoken by espeak-ng, resampled by sox to 8 kHz, silent lead and tail trimmed. */
  static short[] speech(Path dir, String name, String text)
      throws IOException, InterruptedException {
    Path raw = dir.resolve(name + "-22k.wav");
    Path wav = dir.resolve(name + "-8k.wav");
    exec(List.of("espeak-ng", "-w", raw.toString(), text));
    exec(List.of("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", wav.toString()));
    short[] s = read8k(wav);
    int from = BargeInTimeline.firstActive(s, 0, s.length);
    int to = s.length;
    while (to > from && Math.abs(s[to - 1]) < BargeInTimeline.SILENT) {
      to--;
    }
    return Arrays.copyOfRange(s, from, to);
  }

  static short[] read8k(Path wav) throws IOException {
    try (AudioReader reader = AudioFiles.openReader(wav, AudioFormat.PCM16_8K)) {
      short[] out = new short[1 << 16];
      int n = 0;
      for (PcmFrame f = reader.read(RATE_HZ); f != null; f = reader.read(RATE_HZ)) {
        if (n + f.sampleCount() > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, n + f.sampleCount()));
        }
        System.arraycopy(f.samples(), 0, out, n, f.sampleCount());
        n += f.sampleCount();
      }
      return Arrays.copyOf(out, n);
    }
  }

  static void write8k(Path wav, short[] samples) throws IOException {
    try (AudioWriter writer = AudioFiles.openWriter(wav, AudioFormat.PCM16_8K)) {
      writer.write(new PcmFrame(samples, RATE_HZ));
    }
  }

  private static void exec(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
      assertThat(p.exitValue()).as("%s exit code", cmd).isZero();
    } finally {
      p.destroyForcibly();
    }
  }
}
