package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceNames;
import io.axion.api.instance.Resize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestValidationTest {
    private final RequestValidation rules = new RequestValidation(64, 16);

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "a1", "web-1", "a-b-c", "x23456789012345678901234567890123456789012345678901234567890123"})
    void validNames(String name) {
        assertThat(InstanceNames.isValid(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "1a", "-a", "a-", "a_b", "a.b", "ab ", "é",
            "x234567890123456789012345678901234567890123456789012345678901234"})
    void invalidNames(String name) {
        assertThat(InstanceNames.isValid(name)).as(name).isFalse();
        assertThatThrownBy(() -> rules.create(new CreateInstance(name, "img", 1, 64, null, null, null)))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("name:");
    }

    @Test
    void limitsAndSizes() {
        assertThatCode(() -> rules.create(new CreateInstance("a", "img", 64, 16, 1, "", true))).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.create(new CreateInstance("a", "img", 65, 64, null, null, null)))
                .hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> rules.create(new CreateInstance("a", "img", 1, 15, null, null, null)))
                .hasMessageStartingWith("memoryMiB:");
        assertThatThrownBy(() -> rules.create(new CreateInstance("a", "img", null, 64, null, null, null)))
                .hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> rules.create(new CreateInstance("a", null, 1, 64, null, null, null)))
                .hasMessageStartingWith("image:");
        assertThatThrownBy(() -> rules.create(new CreateInstance("a", "img\n", 1, 64, null, null, null)))
                .hasMessageStartingWith("image:");
    }

    @Test
    void aResizeNeedsAtLeastOneValidLimit() {
        assertThatThrownBy(() -> rules.resize(new Resize(null, null))).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> rules.resize(null)).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> rules.resize(new Resize(0, null))).hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> rules.resize(new Resize(null, 1))).hasMessageStartingWith("memoryMiB:");
        assertThatCode(() -> rules.resize(new Resize(null, 32))).doesNotThrowAnyException();
    }
}
