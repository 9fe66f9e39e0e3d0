package io.axion.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CappedInputStreamTest {

    @Test
    void passesUpToTheCapAndFailsTheReadBeyondIt() throws Exception {
        CappedInputStream exact = new CappedInputStream(new ByteArrayInputStream(new byte[10]), 10);
        assertThat(exact.readAllBytes()).hasSize(10);
        assertThat(exact.exceeded()).isFalse();

        CappedInputStream over = new CappedInputStream(new ByteArrayInputStream(new byte[11]), 10);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(IOException.class);
        assertThat(over.exceeded()).isTrue();

        CappedInputStream single = new CappedInputStream(new ByteArrayInputStream(new byte[2]), 1);
        assertThat(single.read()).isZero();
        assertThatThrownBy(single::read).isInstanceOf(IOException.class);
    }
}
