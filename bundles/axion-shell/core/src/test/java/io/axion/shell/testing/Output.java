package io.axion.shell.testing;

import io.axion.shell.AxionAction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a command as Karaf would and returns what it printed. */
public final class Output {
    private Output() {
    }

    public static String of(AxionAction action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            action.execute(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
