package io.axion.shell.users.internal;

import java.io.IOException;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/** Asks for a password twice, masked, when it was not given on the command line. */
final class PasswordPrompt {
    private PasswordPrompt() {
    }

    /** The given password, else the one typed twice; null without a session to ask (the service then says 422). */
    static String passwordOrAsk(String given, Session session) throws IOException, CommandException {
        if (given != null || session == null) {
            return given;
        }
        String first = session.readLine("Password: ", '*');
        String second = session.readLine("Password again: ", '*');
        if (first != null && !first.equals(second)) {
            throw new CommandException("The two passwords differ");
        }
        return first;
    }
}
