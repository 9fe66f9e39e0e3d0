package io.axion.shell;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes from a list of names that a service gives; offers nothing while that service cannot answer. */
public abstract class NamesCompleter implements Completer {
    private static final Logger LOG = LoggerFactory.getLogger(NamesCompleter.class);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        Collection<String> names;
        try {
            names = names(commandLine);
        } catch (RuntimeException e) {
            // Completion must never break the line being typed: no candidates is the honest answer.
            LOG.debug("No completion from {}: {}", getClass().getSimpleName(), e.toString());
            return -1;
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }

    /** The candidates for the argument under the cursor. */
    protected abstract Collection<String> names(CommandLine commandLine);
}
