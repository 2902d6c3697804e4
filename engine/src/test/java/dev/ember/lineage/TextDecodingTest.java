package dev.ember.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

class TextDecodingTest {
  @Test
  void decodesLikeTextToStringForAsciiMultiByteAndMalformedInput() {
    byte[][] lines = {
      "1|155190|7706|1|17|21168.23|0.04|0.02|N|O|1996-03-13|".getBytes(StandardCharsets.UTF_8),
      "café 日本 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8),
      {'a', (byte) 0xFF, 'b'},
      {'a', (byte) 0xE6, (byte) 0x97}, // a 3-byte sequence cut short
      {(byte) 0xC0, (byte) 0x80}, // an overlong encoding of NUL
      {},
    };
    for (byte[] line : lines) {
      Text text = new Text(line);
      assertThat(TextDecoding.decode(text)).isEqualTo(text.toString());
    }
  }

  @Test
  void readsOnlyTheCurrentLengthOfAReusedText() {
    Text text = new Text("a much longer first line");
    byte[] shorter = "short".getBytes(StandardCharsets.UTF_8);
    text.set(shorter, 0, shorter.length); // Keeps the longer buffer, as a LineReader does.
    assertThat(text.getBytes().length).isGreaterThan(text.getLength());
    assertThat(TextDecoding.decode(text)).isEqualTo("short");
  }
}
