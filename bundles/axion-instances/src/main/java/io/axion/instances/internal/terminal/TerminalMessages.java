package io.axion.instances.internal.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.lxd.TerminalSize;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The text side of {@code /ws/terminal}: {@code {"resize": {"cols": 120, "rows": 40}}} and the initial size. */
final class TerminalMessages {
    static final TerminalSize DEFAULT_SIZE = new TerminalSize(80, 24);
    private static final int MAX_CELLS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TerminalMessages() {
    }

    /** The size a resize message asks for; empty when the text is not a valid resize message. */
    static Optional<TerminalSize> resize(String text) {
        if (text == null || !text.trim().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode resize = JSON.readTree(text).path("resize");
            return size(resize.path("cols").asInt(0), resize.path("rows").asInt(0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code ?cols=120&rows=40} on the upgrade, else 80x24. */
    static TerminalSize initialSize(Map<String, String> query) {
        try {
            return size(Integer.parseInt(query.getOrDefault("cols", "80").trim()),
                    Integer.parseInt(query.getOrDefault("rows", "24").trim())).orElse(DEFAULT_SIZE);
        } catch (NumberFormatException e) {
            return DEFAULT_SIZE;
        }
    }

    private static Optional<TerminalSize> size(int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > MAX_CELLS || rows > MAX_CELLS) {
            return Optional.empty();
        }
        return Optional.of(new TerminalSize(cols, rows));
    }
}
