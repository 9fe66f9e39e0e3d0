package io.axion.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ConflictException;
import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.shell.testing.FakeJobService;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class JobActionTest {
    final FakeJobService jobs = new FakeJobService();

    /** Starts a job, as instance-start would; refuses like a service when told to. */
    static class StartSomething extends JobAction {
        boolean refuse;

        @Override
        protected void run(PrintStream out) throws Exception {
            if (refuse) {
                throw new ConflictException("instance-exists", "Instance 'web' already exists");
            }
            report(out, jobs.enqueue("instance-start", "web", null));
        }
    }

    StartSomething command(boolean await, boolean json) {
        StartSomething command = Fields.set(new StartSomething(), "jobs", jobs);
        Fields.set(command, "await", await);
        return Fields.set(command, "json", json);
    }

    @Test
    void printsTheJobIdAtOnceWithoutWait() throws Exception {
        assertThat(Output.of(command(false, false))).isEqualTo("Job job-1 PENDING (instance-start web)\n");
    }

    @Test
    void waitsForTheJobAndPrintsItsFinalState() throws Exception {
        CompletableFuture.runAsync(() -> {
            while (jobs.find("job-1").isEmpty()) {
                Thread.onSpinWait();
            }
            jobs.finish("job-1", JobState.COMPLETED, null);
        });
        assertThat(Output.of(command(true, false)))
                .isEqualTo("Job job-1 PENDING (instance-start web)\nJob job-1 COMPLETED (instance-start web)\n");
    }

    @Test
    void aFailedJobFailsTheCommand() {
        CompletableFuture.runAsync(() -> {
            while (jobs.find("job-1").isEmpty()) {
                Thread.onSpinWait();
            }
            jobs.finish("job-1", JobState.FAILED, "LXD said no");
        });
        assertThatThrownBy(() -> Output.of(command(true, false))).isInstanceOf(CommandException.class)
                .hasMessage("Job job-1 failed: LXD said no");
    }

    @Test
    void jsonPrintsTheJobAsTheRestApiDoes() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Output.of(command(false, true)));
        assertThat(json.path("id").asText()).isEqualTo("job-1");
        assertThat(json.path("state").asText()).isEqualTo("PENDING");
        assertThat(json.path("instance").asText()).isEqualTo("web");
        assertThat(json.has("payload")).isFalse();
    }

    @Test
    void waitingGivesUpAfterTheTimeoutAndSaysTheJobGoesOn() {
        StartSomething command = command(true, false);
        Fields.set(command, "timeoutSeconds", 1);
        assertThatThrownBy(() -> Output.of(command)).isInstanceOf(CommandException.class)
                .hasMessageContaining("has not finished after 1 s").hasMessageContaining("axion:job-show job-1");
        assertThat(jobs.find("job-1")).map(Job::state).contains(JobState.PENDING);
    }

    @Test
    void aRefusalIsACommandErrorWithTheProblem() {
        StartSomething command = command(false, false);
        command.refuse = true;
        assertThatThrownBy(() -> Output.of(command)).isInstanceOf(CommandException.class)
                .hasMessage("Error 409 (instance-exists): Instance 'web' already exists");
    }
}
