package io.axion.api.lxd;

/** A terminal's size in character cells. */
public record TerminalSize(int cols, int rows) {

    public TerminalSize {
        if (cols <= 0 || rows <= 0) {
            throw new IllegalArgumentException("terminal size must be positive: " + cols + "x" + rows);
        }
    }
}
