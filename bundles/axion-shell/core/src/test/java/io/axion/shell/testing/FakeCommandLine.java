package io.axion.shell.testing;

import org.apache.karaf.shell.api.console.CommandLine;

/** A command line whose cursor is at the end of its last word. */
public record FakeCommandLine(String... words) implements CommandLine {

    @Override
    public int getCursorArgumentIndex() {
        return words.length - 1;
    }

    @Override
    public String getCursorArgument() {
        return words[words.length - 1];
    }

    @Override
    public int getArgumentPosition() {
        return getCursorArgument().length();
    }

    @Override
    public String[] getArguments() {
        return words.clone();
    }

    @Override
    public int getBufferPosition() {
        return getBuffer().length();
    }

    @Override
    public String getBuffer() {
        return String.join(" ", words);
    }
}
