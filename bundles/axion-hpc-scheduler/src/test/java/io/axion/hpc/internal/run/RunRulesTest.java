package io.axion.hpc.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.axion.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run request may be, when a run succeeded (every member exited 0, like srun), and the output cap. */
class RunRulesTest {

    private static RunView.MemberRun member(String state, Integer exit) {
        return new RunView.MemberRun("g-0", "h", state, exit, "", "", false);
    }

    /** The field a 422 names (its detail starts with it). */
    private static String refusedField(org.junit.jupiter.api.function.Executable request) {
        String detail = assertThrows(ValidationException.class, request).getMessage();
        return detail.substring(0, detail.indexOf(':'));
    }

    @Test
    void aStringRunsThroughTheShellAndAListAsIs() {
        assertEquals(List.of("/bin/sh", "-c", "hostname"), new RunRequest("hostname", null, null).argv());
        assertEquals(List.of("hostname", "-s"), new RunRequest(List.of("hostname", "-s"), null, null).argv());
    }

    @Test
    void badRequestsAre422sNamingTheirField() {
        assertEquals("command", refusedField(() -> new RunRequest(null, null, null).validate()));
        assertEquals("command", refusedField(() -> new RunRequest(List.of(1, 2), null, null).validate()));
        assertEquals("command", refusedField(() -> new RunRequest(List.of(), null, null).validate()));
        assertEquals("env", refusedField(() -> new RunRequest("true", Map.of("1X", "v"), null).validate()));
        assertEquals("timeoutSeconds", refusedField(() -> new RunRequest("true", null, 0).validate()));
    }

    @Test
    void succeededOnlyWhenEveryMemberExitedZero() {
        assertEquals(RunView.RUNNING, RunView.stateOf(List.of(member("exited", 0), member("running", null))));
        assertEquals(RunView.SUCCEEDED, RunView.stateOf(List.of(member("exited", 0), member("exited", 0))));
        assertEquals(RunView.FAILED, RunView.stateOf(List.of(member("exited", 0), member("exited", 1))));
        assertEquals(RunView.FAILED, RunView.stateOf(List.of(member("exited", 0), member("timed-out", null))));
    }

    @Test
    void outputIsCappedAt64KiBOnACharacterBoundary() {
        String big = "é".repeat(RunOutput.CAP_BYTES);
        assertTrue(RunOutput.over(big));
        String capped = RunOutput.cap(big);
        assertTrue(capped.getBytes(StandardCharsets.UTF_8).length <= RunOutput.CAP_BYTES);
        assertTrue(capped.chars().allMatch(c -> c == 'é'));
        assertEquals("ok", RunOutput.cap("ok"));
    }
}
