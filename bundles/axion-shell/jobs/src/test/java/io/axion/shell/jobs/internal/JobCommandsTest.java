package io.axion.shell.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.shell.testing.FakeCommandLine;
import io.axion.shell.testing.FakeJobService;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobCommandsTest {
    final ObjectMapper mapper = new ObjectMapper();
    final FakeJobService jobs = new FakeJobService();
    Job created;
    Job failed;

    @BeforeEach
    void someJobs() {
        created = jobs.add("instance-create", "web", JobState.COMPLETED, null);
        failed = jobs.add("instance-start", "db", JobState.FAILED, "LXD refused: no such image");
    }

    JobListCommand list(String instance, String state, String limit, boolean json) {
        JobListCommand command = Fields.set(new JobListCommand(), "jobs", jobs);
        Fields.set(command, "instance", instance);
        Fields.set(command, "state", state);
        Fields.set(command, "limit", limit);
        return Fields.set(command, "json", json);
    }

    JobShowCommand show(String id, boolean json) {
        JobShowCommand command = Fields.set(new JobShowCommand(), "jobs", jobs);
        Fields.set(command, "id", id);
        return Fields.set(command, "json", json);
    }

    @Test
    void listIsATableNewestFirst() throws Exception {
        String out = Output.of(list(null, null, null, false));
        assertThat(out).contains("ID", "TYPE", "INSTANCE", "STATE", "ATTEMPTS", "ERROR");
        assertThat(out.indexOf(failed.id())).isLessThan(out.indexOf(created.id()));
        assertThat(out).contains("instance-create", "COMPLETED", "FAILED", "LXD refused: no such image", "1/5");
        assertThat(jobs.lastFilter.limit()).isEqualTo(100);
    }

    @Test
    void listJsonHasTheRestShapeWithoutPayload() throws Exception {
        JsonNode json = mapper.readTree(Output.of(list(null, null, null, true)));
        assertThat(json).hasSize(2);
        JsonNode first = json.get(0);
        assertThat(first.path("id").asText()).isEqualTo(failed.id());
        assertThat(first.path("state").asText()).isEqualTo("FAILED");
        assertThat(first.path("error").asText()).isEqualTo("LXD refused: no such image");
        assertThat(first.path("createdAt").asText()).isEqualTo(failed.createdAt().toString());
        assertThat(first.has("maxAttempts")).isTrue();
        assertThat(first.has("payload")).isFalse();
        assertThat(first.has("log")).isFalse();
    }

    @Test
    void listFiltersAsTheRestApi() throws Exception {
        JsonNode json = mapper.readTree(Output.of(list("web", "completed", "5", true)));
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("id").asText()).isEqualTo(created.id());
        assertThat(jobs.lastFilter.state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.lastFilter.limit()).isEqualTo(5);
    }

    @Test
    void anEmptyListSaysSo() throws Exception {
        assertThat(Output.of(list("nothing-here", null, null, false))).contains("(none)");
        assertThat(mapper.readTree(Output.of(list("nothing-here", null, null, true)))).isEmpty();
    }

    @Test
    void aBadStateOrLimitIsRefusedWithTheRestMessage() {
        assertThatThrownBy(() -> Output.of(list(null, "RUNNING", null, false))).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("Error 422 (validation): state: must be one of");
        assertThatThrownBy(() -> Output.of(list(null, null, "0", false))).isInstanceOf(CommandException.class)
                .hasMessage("Error 422 (validation): limit: must be a whole number from 1 to 1000");
        assertThatThrownBy(() -> Output.of(list(null, null, "ten", false))).isInstanceOf(CommandException.class);
        assertThatThrownBy(() -> Output.of(list(null, null, "1001", false))).isInstanceOf(CommandException.class);
    }

    @Test
    void showPrintsTheFieldsAndTheLog() throws Exception {
        String out = Output.of(show(failed.id(), false));
        assertThat(out).contains("ID         " + failed.id(), "STATE      FAILED", "INSTANCE   db",
                "ERROR      LXD refused: no such image", "LOG", "attempt 1 started");
    }

    @Test
    void showJsonIsTheRestJobWithItsLog() throws Exception {
        JsonNode json = mapper.readTree(Output.of(show(created.id(), true)));
        assertThat(json.path("id").asText()).isEqualTo(created.id());
        assertThat(json.path("type").asText()).isEqualTo("instance-create");
        assertThat(json.path("log")).hasSize(2);
    }

    @Test
    void anUnknownJobIs404() {
        assertThatThrownBy(() -> Output.of(show("nope", false))).isInstanceOf(CommandException.class)
                .hasMessage("Error 404 (not-found): job 'nope' does not exist");
    }

    @Test
    void completesRecentJobIds() {
        JobIdCompleter completer = Fields.set(new JobIdCompleter(), "jobs", jobs);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FakeCommandLine("axion:job-show", "job-"), candidates);
        assertThat(candidates).extracting(String::trim).containsExactlyInAnyOrder(created.id(), failed.id());

        candidates.clear();
        completer.complete(null, new FakeCommandLine("axion:job-show", failed.id()), candidates);
        assertThat(candidates).extracting(String::trim).containsExactly(failed.id());
    }
}
