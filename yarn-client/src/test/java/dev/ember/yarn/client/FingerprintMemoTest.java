package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintMemoTest {
  @TempDir Path dir;

  @Test
  void remembersFingerprintsAcrossSubmissions() throws IOException {
    Path jar = Files.writeString(dir.resolve("a.jar"), "content");
    Path memoFile = dir.resolve("memo/fingerprints.properties");

    FingerprintMemo first = FingerprintMemo.at(memoFile);
    assertThat(first.fingerprint(jar)).isEqualTo(JarCache.fingerprint(jar));
    first.save();

    assertThat(memoFile).exists();
    assertThat(FingerprintMemo.at(memoFile).fingerprint(jar)).isEqualTo(JarCache.fingerprint(jar));
  }

  @Test
  void anUnchangedJarIsNotHashedAgain() throws IOException {
    Path jar = Files.writeString(dir.resolve("a.jar"), "content");
    Path memoFile = dir.resolve("fingerprints.properties");
    FingerprintMemo memo = FingerprintMemo.at(memoFile);
    String real = memo.fingerprint(jar);
    memo.save();
    // Plant another value under the same file identity: only a memo that skips hashing returns it.
    Files.writeString(memoFile, Files.readString(memoFile).replace(real, "0123456789abcdef"));

    assertThat(FingerprintMemo.at(memoFile).fingerprint(jar)).isEqualTo("0123456789abcdef");
  }

  @Test
  void aRewrittenJarOfTheSameSizeIsHashedAgain() throws IOException {
    Path jar = Files.writeString(dir.resolve("a.jar"), "version 1");
    Path memoFile = dir.resolve("fingerprints.properties");
    FingerprintMemo memo = FingerprintMemo.at(memoFile);
    String before = memo.fingerprint(jar);
    memo.save();
    Files.setLastModifiedTime(jar, Files.getLastModifiedTime(jar)); // same mtime kept
    Files.writeString(jar, "version 2");
    Files.setLastModifiedTime(jar, Files.getLastModifiedTime(jar));

    String after = FingerprintMemo.at(memoFile).fingerprint(jar);
    assertThat(after).isEqualTo(JarCache.fingerprint(jar)).isNotEqualTo(before);
  }

  @Test
  void aCorruptOrUnwritableMemoOnlyMeansHashing() throws IOException {
    Path jar = Files.writeString(dir.resolve("a.jar"), "content");
    Path corrupt = Files.writeString(dir.resolve("corrupt.properties"), "\\u12");
    FingerprintMemo memo = FingerprintMemo.at(corrupt);
    assertThat(memo.fingerprint(jar)).isEqualTo(JarCache.fingerprint(jar));
    memo.save();

    Path blocked = Files.writeString(dir.resolve("file"), "not a directory");
    FingerprintMemo unwritable = FingerprintMemo.at(blocked.resolve("memo.properties"));
    assertThat(unwritable.fingerprint(jar)).isEqualTo(JarCache.fingerprint(jar));
    unwritable.save();
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
        .containsExactlyInAnyOrderElementsOf(List.of("a.jar", "corrupt.properties", "file"));
  }
}
