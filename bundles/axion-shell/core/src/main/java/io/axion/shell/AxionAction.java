package io.axion.shell;

import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import io.axion.api.error.AxionException;
import java.io.PrintStream;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * The base of every {@code axion:} command: {@code --json} prints what the command found or did as JSON instead of
 * text, and a refusal by a service (the same 4xx the REST API would answer) becomes a plain command error rather
 * than a stack trace. A command that changes something names its target ({@link #audited()}) and is audited.
 */
public abstract class AxionAction implements Action {

    @Option(name = "--json", aliases = "-j", description = "Print JSON instead of text")
    protected boolean json;

    /** The audit log, where the auth feature is installed. */
    @Reference(optional = true)
    protected AuditTrail audit;

    @Override
    public final Object execute() throws Exception {
        // Karaf points System.out at the session's console while the command runs.
        execute(System.out);
        return null;
    }

    /**
     * Runs the command, printing to {@code out}. A command that changes something is audited with its outcome as
     * an HTTP status: 200 done, the service's 4xx when refused, 400 for a command error, 500 for anything else.
     */
    public final void execute(PrintStream out) throws Exception {
        int status = 500;
        try {
            run(out);
            status = 200;
        } catch (AxionException e) {
            status = e.status();
            throw problem(e);
        } catch (CommandException e) {
            status = 400;
            throw e;
        } finally {
            audit(status);
        }
    }

    protected abstract void run(PrintStream out) throws Exception;

    /**
     * What a command that changes something acts on, for the audit trail (an instance's name, {@code web/nightly});
     * never a secret. Null, the default, for a command that only reads: it is not audited.
     */
    protected String audited() {
        return null;
    }

    private void audit(int status) {
        String target = audited();
        if (target == null || audit == null) {
            return;
        }
        Command command = getClass().getAnnotation(Command.class);
        String name = command == null ? getClass().getSimpleName() : command.scope() + ":" + command.name();
        ShellCaller caller = ShellCaller.current();
        audit.record(new AuditEvent(caller.username(), AuditEvent.SHELL, caller.channel(), name + " " + target,
                caller.address(), status));
    }

    public boolean json() {
        return json;
    }

    /** Prints {@code value} as indented JSON (times as RFC 3339 strings, as the REST API writes them). */
    protected static void printJson(PrintStream out, Object value) {
        out.println(Json.write(value));
    }

    /** Prints a table, framed when the console can show it. */
    protected static void print(PrintStream out, ShellTable table) {
        table.emptyTableText("(none)");
        table.print(out, true);
    }

    /** A time for a table cell: RFC 3339 to the second, empty when unknown. */
    protected static String time(Instant time) {
        return time == null ? "" : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    protected static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The problem as one line, e.g. {@code Error 422 (quota-exceeded): memoryMiB: ...}. */
    public static CommandException problem(AxionException e) {
        return new CommandException("Error " + e.status() + " (" + e.slug() + "): " + e.detail(), e);
    }
}
