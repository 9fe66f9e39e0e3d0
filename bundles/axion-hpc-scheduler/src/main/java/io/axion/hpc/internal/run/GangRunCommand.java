package io.axion.hpc.internal.run;

import io.axion.hpc.internal.gang.GangNameCompleter;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code axion:gang-run NAME COMMAND...}: runs the command in every member and, like {@code srun --label}, prints each
 * member's output lines prefixed by its name, then its exit code.
 */
@Service
@Command(scope = "axion", name = "gang-run", description = "Runs a command in every member of a gang")
public class GangRunCommand extends AxionAction {
    private static final Duration POLL = Duration.ofMillis(200);

    @Reference
    GangRuns runs;

    @Argument(index = 0, name = "name", required = true, description = "The gang's name")
    @Completion(GangNameCompleter.class)
    String gang;

    @Argument(index = 1, name = "command", required = true, multiValued = true,
            description = "The program and its arguments")
    List<String> command;

    @Option(name = "--timeout", description = "Seconds each member may take (default 300)")
    Integer timeoutSeconds;

    @Option(name = "--no-wait", description = "Print the run's id and return")
    boolean noWait;

    @Override
    protected void run(PrintStream out) throws InterruptedException {
        RunView run = runs.start(gang, new RunRequest(command, null, timeoutSeconds), null); // the shell is admin
        if (noWait) {
            out.println(json ? run.id() : "Run " + run.id() + " started in " + run.members().size() + " members");
            return;
        }
        Instant until = Instant.now().plus(run.members().isEmpty() ? Duration.ZERO
                : new RunRequest(command, null, timeoutSeconds).timeout().plusSeconds(30));
        while (RunView.RUNNING.equals(run.state()) && Instant.now().isBefore(until)) {
            Thread.sleep(POLL.toMillis());
            run = runs.get(gang, run.id(), null);
        }
        if (json) {
            printJson(out, run);
            return;
        }
        for (RunView.MemberRun member : run.members()) {
            for (String line : (member.stdout() + member.stderr()).split("\n")) {
                if (!line.isEmpty()) {
                    out.println(member.name() + ": " + line);
                }
            }
        }
        for (RunView.MemberRun member : run.members()) {
            out.println(member.name() + ": " + member.state() + (member.exitCode() == null ? ""
                    : " " + member.exitCode()));
        }
        out.println("Run " + run.id() + " " + run.state());
    }

    @Override
    protected String audited() {
        return "gangs/" + gang + "/runs";
    }
}
