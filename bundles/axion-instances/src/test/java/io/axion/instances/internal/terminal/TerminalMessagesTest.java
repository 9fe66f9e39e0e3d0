package io.axion.instances.internal.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.lxd.TerminalSize;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalMessagesTest {

    @Test
    void readsResizeMessages() {
        assertThat(TerminalMessages.resize("{\"resize\":{\"cols\":120,\"rows\":40}}")).contains(new TerminalSize(120, 40));
        assertThat(TerminalMessages.resize("{\"resize\":{\"cols\":0,\"rows\":40}}")).isEmpty();
        assertThat(TerminalMessages.resize("{\"resize\":{\"cols\":100000,\"rows\":40}}")).isEmpty();
        assertThat(TerminalMessages.resize("ls -l\r")).isEmpty();
        assertThat(TerminalMessages.resize("{not json")).isEmpty();
    }

    @Test
    void theInitialSizeComesFromTheQuery() {
        assertThat(TerminalMessages.initialSize(Map.of())).isEqualTo(new TerminalSize(80, 24));
        assertThat(TerminalMessages.initialSize(Map.of("cols", "132", "rows", "50"))).isEqualTo(new TerminalSize(132, 50));
        assertThat(TerminalMessages.initialSize(Map.of("cols", "x"))).isEqualTo(new TerminalSize(80, 24));
    }

    @Test
    void closeReasonsFitACloseFrame() {
        String longReason = "x".repeat(500);
        assertThat(TerminalEndpoint.closeReason(4422, longReason).getReasonPhrase()).hasSize(120);
        assertThat(TerminalEndpoint.closeReason(4404, "no instance").getCloseCode().getCode()).isEqualTo(4404);
    }

    @Test
    void theShellPrefersBashAndFallsBackToSh() {
        assertThat(TerminalEndpoint.SHELL).startsWith("/bin/sh", "-c");
        assertThat(TerminalEndpoint.SHELL.get(2)).contains("exec bash -l").contains("exec sh -l");
    }
}
