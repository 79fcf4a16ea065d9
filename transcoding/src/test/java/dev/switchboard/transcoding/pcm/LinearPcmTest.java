package dev.switchboard.transcoding.pcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class LinearPcmTest {

  @Test
  void floatsAreScaledClippedAndNanSafe() {
    float[] in = {0f, 0.5f, -0.5f, 1.0f, -1.0f, 2.5f, -7f, Float.NaN};
    ByteBuffer bytes = ByteBuffer.allocate(4 * in.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : in) {
      bytes.putFloat(f);
    }
    short[] out = new short[in.length];
    LinearPcm.decodeF32le(bytes.array(), 0, out, 0, in.length);
    assertThat(out).containsExactly(0, 16384, -16384, 32767, -32768, 32767, -32768, 0);
  }

  @Test
  void floatEncodingMatchesJavaNioLittleEndian() {
    short[] in = {0, 16384, -32768, 123};
    byte[] out = new byte[16];
    LinearPcm.encodeF32le(in, 0, out, 0, 4);
    ByteBuffer check = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(check.getFloat()).isEqualTo(0f);
    assertThat(check.getFloat()).isEqualTo(0.5f);
    assertThat(check.getFloat()).isEqualTo(-1f);
    assertThat(check.getFloat()).isEqualTo(123 / 32768f);
  }
}
