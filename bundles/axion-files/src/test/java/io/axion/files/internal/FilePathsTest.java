package io.axion.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.files.FilePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/etc", "/etc/hosts", "/a b/ü.txt", "/.hidden", "/a/..b", "/a/b..", "/...", "/a\\b"})
    void absoluteNormalisedPathsAreValid(String path) {
        assertThat(FilePaths.requireValid(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "etc/hosts", "./etc", "..", "/..", "/etc/..", "/etc/../root", "/a/./b", "/.",
            "/a//b", "//", "/etc/", "/a\0b", " /etc"})
    void anythingElseIs422OnThePathField(String path) {
        assertThatThrownBy(() -> FilePaths.requireValid(path)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("path: ")
                .satisfies(e -> assertThat(((ValidationException) e).status()).isEqualTo(422));
    }

    @Test
    void nullAndOverlongPathsAre422() {
        assertThatThrownBy(() -> FilePaths.requireValid(null)).hasMessage("path: is required");
        assertThat(FilePaths.requireValid("/" + "a".repeat(4095))).hasSize(4096);
        assertThatThrownBy(() -> FilePaths.requireValid("/" + "a".repeat(4096))).hasMessageContaining("4096");
    }

    @Test
    void parents() {
        assertThat(FilePaths.parent("/etc/hosts")).isEqualTo("/etc");
        assertThat(FilePaths.parent("/etc")).isEqualTo("/");
        assertThat(FilePaths.isRoot("/")).isTrue();
    }
}
