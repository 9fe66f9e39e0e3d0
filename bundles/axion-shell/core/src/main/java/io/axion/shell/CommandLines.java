package io.axion.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.console.CommandLine;

/** Reads a command line being completed, for completers whose candidates depend on an earlier argument. */
public final class CommandLines {
    private CommandLines() {
    }

    /**
     * The arguments (not options, not option values) typed before the one under the cursor. Karaf takes options
     * only before the arguments, so everything after the first argument is an argument too.
     *
     * @param optionsWithValue the options of the command that take a value as the next word
     */
    public static List<String> argumentsBeforeCursor(CommandLine line, Set<String> optionsWithValue) {
        String[] words = line.getArguments();
        List<String> arguments = new ArrayList<>();
        boolean inArguments = false;
        for (int i = 1; i < line.getCursorArgumentIndex() && i < words.length; i++) {
            String word = words[i];
            if (!inArguments && word.startsWith("-")) {
                if (optionsWithValue.contains(word)) {
                    i++; // skip its value
                }
                continue;
            }
            inArguments = true;
            arguments.add(word);
        }
        return arguments;
    }
}
