package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.PropertiesFileParser.Setting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesFileParserTest {

  @Test
  void readsSparkDefaultsStyleLines() {
    Map<String, Setting> settings =
        PropertiesFileParser.parse(
            "f.conf",
            List.of(
                "# a comment",
                "",
                "ember.master            yarn",
                "  ember.app.name = nightly etl  ",
                "ember.local.dirs=/a,/b",
                "! another comment",
                "fs.defaultFS: hdfs://nn:8020",
                "ember.x=a=b"));
    assertThat(settings)
        .containsExactly(
            Map.entry("ember.master", new Setting("yarn", 3)),
            Map.entry("ember.app.name", new Setting("nightly etl", 4)),
            Map.entry("ember.local.dirs", new Setting("/a,/b", 5)),
            Map.entry("fs.defaultFS", new Setting("hdfs://nn:8020", 7)),
            Map.entry("ember.x", new Setting("a=b", 8)));
  }

  @Test
  void errorsNameFileAndLine() {
    assertThatThrownBy(() -> PropertiesFileParser.parse("f.conf", List.of("# c", "ember.master")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("f.conf:2: ember.master has no value; write \"key value\" or \"key=value\"");
    assertThatThrownBy(() -> PropertiesFileParser.parse("f.conf", List.of("= yarn")))
        .hasMessage("f.conf:1: missing key; write \"key value\" or \"key=value\"");
    assertThatThrownBy(
            () ->
                PropertiesFileParser.parse(
                    "f.conf", List.of("ember.master yarn", "ember.master local")))
        .hasMessage("f.conf:2: ember.master is already set on line 1; keep one of them");
    assertThatThrownBy(
            () -> PropertiesFileParser.parse("f.conf", List.of("ember.local.dirs /a,\\")))
        .hasMessage(
            "f.conf:1: a line ending in \\ (continuation) is not supported; write the whole value"
                + " on one line");
  }
}
