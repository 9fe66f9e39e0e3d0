package io.axion.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest {
    @TempDir
    Path dir;

    @Test
    void storesUnderTheFinalNameOnlyWhenCompleteAndVerifiesTheChecksum() throws Exception {
        DirectoryTarget target = new DirectoryTarget(dir.resolve("archives"));
        Path staged = Files.writeString(dir.resolve("staged"), "archive bytes");
        String sha = Checksums.sha256(staged);
        String location = target.store("b1", staged);
        assertThat(location).isEqualTo("b1.tar.gz");
        assertThat(target.verify(location, sha)).isTrue();
        assertThat(target.verify(location, "0".repeat(64))).isFalse();
        assertThat(dir.resolve("archives")).isDirectoryNotContaining("glob:**.partial");
        Path back = dir.resolve("back");
        target.fetch(location, back);
        assertThat(back).hasContent("archive bytes");
    }

    @Test
    void leftoversOfAKilledRunGoAndKnownArchivesStay() throws Exception {
        Path archives = Files.createDirectories(dir.resolve("archives"));
        Files.writeString(archives.resolve("b1.tar.gz"), "good");
        Files.writeString(archives.resolve("b2.tar.gz.partial"), "half");
        Files.writeString(archives.resolve("b3.tar.gz"), "renamed, never marked good");
        new DirectoryTarget(archives).removeLeftovers(Set.of("b1.tar.gz"));
        try (var files = Files.list(archives)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b1.tar.gz");
        }
    }
}
