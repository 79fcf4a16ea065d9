package dev.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is generated from {@link ConfigKey}; it must not drift. */
class ConfigReferenceTest {

  @Test
  void readmeTableMatchesTheConfigKeys() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    int begin = text.indexOf(ConfigReference.BEGIN);
    int end = text.indexOf(ConfigReference.END);
    assertThat(begin).as("README.md has the marker " + ConfigReference.BEGIN).isNotNegative();
    assertThat(end).as("README.md has the marker " + ConfigReference.END).isGreaterThan(begin);
    String table = text.substring(begin + ConfigReference.BEGIN.length(), end).strip() + "\n";
    assertThat(table)
        .as("README configuration table; regenerate with ./switchboard config reference")
        .isEqualTo(ConfigReference.markdownTable());
  }

  @Test
  void everyKeyHasAUniquePathAndVariable() {
    assertThat(java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::path).distinct().count())
        .isEqualTo(ConfigKey.values().length);
    assertThat(java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::env).distinct().count())
        .isEqualTo(ConfigKey.values().length);
    for (ConfigKey k : ConfigKey.values()) {
      if (k.defaultValue() != null) {
        k.type().parse(k.defaultValue()); // every default is valid for its own type
      }
    }
  }
}
