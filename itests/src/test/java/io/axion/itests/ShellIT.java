package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Every {@code axion:} command through a real Karaf session, as an admin of the shell (or a viewer, to see the
 * ACL), with its effect checked in LXD or through the REST API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends KarafTestSupport {
    private static final List<String> ADMIN = List.of("admin", "manager", "viewer");
    private static final Pattern JOB_LINE = Pattern.compile("Job (\\S+) ");
    /** The first test may start while the distribution still boots, which is slow on a busy 2-core machine. */
    private static final Duration BOOT = Duration.ofMinutes(3);

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    /** Runs a command in a Karaf session whose subject holds {@code roles}, as Karaf's JAAS login would give. */
    protected String executeAs(List<String> roles, String command) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("shell-it"));
        roles.forEach(role -> subject.getPrincipals().add(new RolePrincipal(role)));
        long start = System.nanoTime();
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> executeCommand(command));
        } catch (java.security.PrivilegedActionException e) {
            throw new IllegalStateException(e.getException());
        } finally {
            System.out.printf("%s %s: %d ms%n", java.time.Instant.now(), command,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    protected String admin(String command) {
        return executeAs(ADMIN, command);
    }

    /** Waits until the commands of a shell bundle are registered (the extender does it after its services come). */
    protected void awaitCommand(String command) {
        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin(command) != null);
    }

    /** A service of the booted distribution, waiting for it as long as a boot may take. */
    protected <T> T service(Class<T> type) {
        return await().atMost(BOOT).until(() -> {
            ServiceReference<T> ref = bundleContext.getServiceReference(type);
            return ref == null ? null : bundleContext.getService(ref);
        }, Objects::nonNull);
    }

    protected static JsonNode parse(String output) {
        try {
            return JSON.readTree(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + output, e);
        }
    }

    protected static String jobId(String output) {
        Matcher m = JOB_LINE.matcher(output);
        assertThat(m.find()).as("a job line in: %s", output).isTrue();
        return m.group(1);
    }

    // --- cluster ----------------------------------------------------------------------------------------------

    @Test
    public void clusterMembersListsThisNode() {
        awaitCommand("axion:cluster-members");
        String table = admin("axion:cluster-members");
        assertThat(table).contains("ID", "ADDRESS", "LOCAL", "*");

        JsonNode members = parse(admin("axion:cluster-members --json"));
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("local").asBoolean()).isTrue();
        assertThat(members.get(0).path("id").asText()).isNotBlank();
        assertThat(table).contains(members.get(0).path("id").asText());
    }

    // --- users ------------------------------------------------------------------------------------------------

    @Test
    public void usersAreAddedListedAndRemovedAndTheirLoginFollows() throws Exception {
        awaitCommand("axion:user-list");
        assertThat(admin("axion:user-add --role operator --password Sh3ll-Secret-42 shelly"))
                .contains("User shelly created (operator)");
        assertThat(admin("axion:user-list")).contains("USERNAME", "shelly", "operator", "admin");
        JsonNode users = parse(admin("axion:user-list -j"));
        assertThat(users.findValuesAsText("username")).contains("admin", "shelly");

        String login = JSON.writeValueAsString(Map.of("username", "shelly", "password", "Sh3ll-Secret-42"));
        assertThat(request("POST", "/api/v1/auth/login", null, login).statusCode()).isEqualTo(200);

        // The REST API's checks: a duplicate is 409, a weak password 422
        assertThatThrownBy(() -> admin("axion:user-add --role viewer --password Sh3ll-Secret-42 shelly"))
                .hasStackTraceContaining("Error 409");
        assertThatThrownBy(() -> admin("axion:user-add --role viewer --password aaaa weak"))
                .hasStackTraceContaining("Error 422 (validation): password:");

        assertThat(admin("axion:user-remove shelly")).contains("User shelly deleted");
        assertThat(request("POST", "/api/v1/auth/login", null, login).statusCode()).isEqualTo(401);
        assertThat(parse(admin("axion:user-list --json")).findValuesAsText("username")).doesNotContain("shelly");
    }

    // --- jobs -------------------------------------------------------------------------------------------------

    @Test
    public void jobsAreListedAndShown() {
        Hashtable<String, Object> props = new Hashtable<>(Map.of(JobHandler.TYPE_PROPERTY, "shell-it"));
        ServiceRegistration<JobHandler> handler = bundleContext.registerService(JobHandler.class,
                ctx -> JobResult.ok("done by ShellIT"), props);
        try {
            JobService jobs = service(JobService.class);
            String id = jobs.enqueue("shell-it", "shell-it-instance", Map.of()).id();
            await().atMost(DEADLINE).until(() -> jobs.find(id).orElseThrow().finished());
            awaitCommand("axion:job-list");

            assertThat(admin("axion:job-list --instance shell-it-instance")).contains(id, "shell-it", "COMPLETED");
            JsonNode listed = parse(admin("axion:job-list --state completed --limit 5 --json"));
            assertThat(listed.findValuesAsText("id")).contains(id);

            assertThat(admin("axion:job-show " + id)).contains("STATE      COMPLETED", "done by ShellIT");
            JsonNode shown = parse(admin("axion:job-show --json " + id));
            assertThat(shown.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(shown.path("log").size()).isGreaterThan(0);

            assertThatThrownBy(() -> admin("axion:job-list --state RUNNING"))
                    .hasStackTraceContaining("Error 422 (validation): state:");
            assertThatThrownBy(() -> admin("axion:job-show no-such-job")).hasStackTraceContaining("Error 404");
        } finally {
            handler.unregister();
        }
    }

    // --- who may run what, and which commands are offered -----------------------------------------------------

    @Test
    public void aViewerReadsButCannotManageUsers() {
        awaitCommand("axion:user-list");
        assertThat(executeAs(List.of("viewer"), "axion:job-list")).contains("ID");
        assertThatThrownBy(() -> executeAs(List.of("viewer"), "axion:user-list"))
                .hasStackTraceContaining("CommandNotFoundException");
    }

    @Test
    public void theCommandsOfAMissingServiceAreNotOfferedAndTheOthersStay() throws Exception {
        awaitCommand("axion:user-list");
        Bundle auth = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "axion-auth".equals(b.getSymbolicName())).findFirst().orElseThrow();
        auth.stop();
        try {
            await().atMost(DEADLINE).untilAsserted(() -> assertThatThrownBy(() -> admin("axion:user-list"))
                    .hasStackTraceContaining("CommandNotFoundException"));
            assertThat(admin("axion:job-list")).contains("ID");
            assertThat(admin("axion:cluster-members")).contains("ID");
        } finally {
            auth.start();
        }
        awaitCommand("axion:user-list");
    }
}
