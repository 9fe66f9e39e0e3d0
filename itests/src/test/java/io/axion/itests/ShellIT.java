package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
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
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
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

    /**
     * Waits until a command is registered (the extender does it once its bundle's services are there). Asks only
     * for its help, so that the wait does not depend on LXD answering.
     */
    protected void awaitCommand(String command) {
        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin(command + " --help") != null);
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

    @Test
    public void clusterAndHostsShowThisNodeOwningItsHost() {
        awaitCommand("axion:cluster");
        JsonNode cluster = parse(executeAs(List.of("viewer"), "axion:cluster --json"));
        assertThat(cluster.path("nodes")).hasSize(1);
        JsonNode node = cluster.path("nodes").get(0);
        assertThat(node.path("local").asBoolean()).isTrue();
        assertThat(cluster.path("hosts")).hasSize(1);
        JsonNode host = cluster.path("hosts").get(0);
        assertThat(host.path("owner").asText()).isEqualTo(node.path("name").asText());
        assertThat(node.path("hosts").get(0).asText()).isEqualTo(host.path("name").asText());
        assertThat(admin("axion:cluster")).contains("NAME", "OWNER", "STATE", host.path("name").asText(), "*");

        assertThat(admin("axion:hosts")).contains("NAME", "OWNER", host.path("name").asText());
        // Host records name their endpoints: admins only (Karaf hides a command its ACL denies).
        assertThatThrownBy(() -> executeAs(List.of("viewer"), "axion:hosts"))
                .hasStackTraceContaining("Command not found: axion:hosts");
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

        // A forgotten password, set by the admin: the old one stops working
        assertThat(admin("axion:user-password --password N3w-Sh3ll-Secret shelly")).contains("Password of shelly");
        assertThat(request("POST", "/api/v1/auth/login", null, login).statusCode()).isEqualTo(401);
        String newLogin = JSON.writeValueAsString(Map.of("username", "shelly", "password", "N3w-Sh3ll-Secret"));
        assertThat(request("POST", "/api/v1/auth/login", null, newLogin).statusCode()).isEqualTo(200);

        assertThat(admin("axion:user-remove shelly")).contains("User shelly deleted");
        assertThat(request("POST", "/api/v1/auth/login", null, newLogin).statusCode()).isEqualTo(401);
        assertThat(parse(admin("axion:user-list --json")).findValuesAsText("username")).doesNotContain("shelly");

        // Each change is in the audit log with who ran it, never with a password
        String audit = admin("axion:audit -n 50");
        assertThat(audit).contains("axion:user-add shelly role=operator", "axion:user-password shelly",
                "axion:user-remove shelly", "shell-it").doesNotContain("Sh3ll-Secret");
        JsonNode mine = parse(admin("axion:audit --json --user shell-it -n 20"));
        assertThat(mine.findValuesAsText("action")).containsOnly("shell");
        assertThat(mine.findValuesAsText("method")).containsOnly("console");
    }

    @Test
    public void aTokenMadeInTheShellIsABearerUntilTheShellRevokesIt() throws Exception {
        awaitCommand("axion:token-create");
        admin("axion:user-add --role operator --password T0ken-Owner-Secret tokie");
        assertThatThrownBy(() -> admin("axion:token-create --scope admin tokie ci"))
                .hasStackTraceContaining("Error 422 (validation): scopes:");

        JsonNode created = parse(admin("axion:token-create --json --scope read --expires 1d tokie ci"));
        String id = created.path("token").path("id").asText();
        String secret = created.path("secret").asText();
        assertThat(secret).startsWith("axn_");
        assertThat(request("GET", "/api/v1/tokens", secret, null).body()).contains(id);
        assertThat(admin("axion:token-list --user tokie")).contains(id, "tokie", "read").doesNotContain(secret);

        assertThat(admin("axion:token-revoke " + id)).contains("Token " + id + " revoked");
        assertThat(request("GET", "/api/v1/tokens", secret, null).statusCode()).isEqualTo(401);
        assertThat(parse(admin("axion:token-list --json")).findValuesAsText("id")).doesNotContain(id);
        assertThatThrownBy(() -> admin("axion:token-revoke " + id)).hasStackTraceContaining("Error 404");
        assertThat(admin("axion:audit -n 20")).contains("axion:token-create tokie/ci", "axion:token-revoke " + id)
                .doesNotContain(secret);
        admin("axion:user-remove tokie");
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

    // --- instances, snapshots, forwards: each command's effect in LXD -------------------------------------------

    @Test
    public void anInstanceLivesAndDiesThroughTheShell() throws Exception {
        awaitCommand("axion:instance-list");
        String name = "sh-web";

        String created = admin("axion:instance-create --wait --image axion/busybox --cpu 1 --memory 128 " + name);
        assertThat(created).contains("COMPLETED (instance.create " + name + ")");
        assertThat(lxcStatus(name)).isEqualTo("RUNNING");
        assertThat(lxc("config", "get", name, "limits.cpu").trim()).isEqualTo("1");
        assertThat(lxc("config", "get", name, "limits.memory").trim()).startsWith("128");

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(admin("axion:instance-list"))
                .contains(name, "Running", "128 MiB"));
        JsonNode listed = parse(admin("axion:instance-list --json"));
        assertThat(listed.findValuesAsText("name")).contains(name);
        JsonNode shown = parse(admin("axion:instance-show --json " + name));
        assertThat(shown.path("cpu").asInt()).isEqualTo(1);
        assertThat(admin("axion:instance-show " + name)).contains("CONFIG", "limits.cpu = 1");

        admin("axion:instance-stop --wait --force " + name);
        assertThat(lxcStatus(name)).isEqualTo("STOPPED");
        admin("axion:instance-start --wait " + name);
        assertThat(lxcStatus(name)).isEqualTo("RUNNING");
        admin("axion:instance-restart --wait --force " + name);
        assertThat(lxcStatus(name)).isEqualTo("RUNNING");
        admin("axion:instance-resize --wait --memory 192 " + name);
        assertThat(lxc("config", "get", name, "limits.memory").trim()).startsWith("192");

        // The REST API's checks, through the same services
        assertThatThrownBy(() -> admin("axion:instance-create --image axion/busybox --cpu 1 --memory 128 " + name))
                .hasStackTraceContaining("Error 409");
        assertThatThrownBy(() -> admin("axion:instance-create --image axion/busybox --memory 128 sh-other"))
                .hasStackTraceContaining("Error 422 (validation): cpu:");
        assertThatThrownBy(() -> admin("axion:instance-start no-such-instance")).hasStackTraceContaining("Error 404");

        // The same jobs as the REST API, listed and shown
        JsonNode jobs = parse(admin("axion:job-list --json --instance " + name));
        assertThat(jobs.findValuesAsText("type")).contains("instance.create", "instance.stop", "instance.start",
                "instance.restart", "instance.resize");
        assertThat(jobs.findValuesAsText("state")).containsOnly("COMPLETED");
        String createJob = jobId(created);
        assertThat(admin("axion:job-show " + createJob)).contains("instance.create", "COMPLETED");

        snapshotsRoundTrip(name);
        forwardsRoundTrip(name);

        String deleted = admin("axion:instance-delete " + name);
        String deleteJob = jobId(deleted);
        await().atMost(DEADLINE).until(() -> parse(admin("axion:job-show --json " + deleteJob)).path("state")
                .asText().equals("COMPLETED"));
        assertThat(lxc("list", "--format", "csv", "-c", "n")).doesNotContain(name);
    }

    private void snapshotsRoundTrip(String name) {
        admin("axion:snapshot-create --wait " + name + " snap1");
        assertThat(lxc("info", name)).contains("snap1");
        assertThat(admin("axion:snapshot-list " + name)).contains("snap1");
        assertThat(parse(admin("axion:snapshot-list --json " + name)).findValuesAsText("name")).contains("snap1");

        lxc("exec", name, "--", "touch", "/marker");
        assertThat(lxc("exec", name, "--", "ls", "/")).contains("marker");
        admin("axion:snapshot-restore --wait " + name + " snap1");
        assertThat(lxc("exec", name, "--", "ls", "/")).doesNotContain("marker");
        assertThat(lxcStatus(name)).isEqualTo("RUNNING");

        assertThatThrownBy(() -> admin("axion:snapshot-create " + name + " snap1")).hasStackTraceContaining("Error 409");
        admin("axion:snapshot-delete --wait " + name + " snap1");
        assertThat(lxc("info", name)).doesNotContain("snap1");
    }

    private void forwardsRoundTrip(String name) {
        int port = freeHostPort();
        assertThat(admin("axion:forward-add " + name + " " + port + " 80"))
                .contains("Forward " + port + " -> " + name + ":80/tcp added");
        assertThat(lxc("config", "device", "show", name)).contains("127.0.0.1:" + port);
        assertThat(admin("axion:forward-list " + name)).contains(Integer.toString(port), "tcp");
        assertThat(parse(admin("axion:forward-list --json " + name)).findValuesAsText("hostPort"))
                .contains(Integer.toString(port));
        assertThatThrownBy(() -> admin("axion:forward-add " + name + " " + port + " 81"))
                .hasStackTraceContaining("Error 409");
        assertThatThrownBy(() -> admin("axion:forward-add " + name + " 80 80")).hasStackTraceContaining("Error 422");

        assertThat(admin("axion:forward-remove " + name + " " + port)).contains("removed");
        assertThat(lxc("config", "device", "show", name)).doesNotContain("127.0.0.1:" + port);
    }

    private static String lxcStatus(String name) {
        for (String line : lxc("list", "--format", "csv", "-c", "ns").split("\\R")) {
            String[] cells = line.split(",");
            if (cells.length == 2 && cells[0].equals(name)) {
                return cells[1].trim();
            }
        }
        return "ABSENT";
    }

    /** A host port in Axion's default forward range (10000-60000) that nothing listens on now. */
    private static int freeHostPort() {
        for (int port = 20000 + (int) (Math.random() * 20000); ; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
    }

    // --- quota ------------------------------------------------------------------------------------------------

    @Test
    public void quotaIsShownToViewersAndSetByAdminsOnly() throws Exception {
        awaitCommand("axion:quota");
        assertThat(executeAs(List.of("viewer"), "axion:quota")).contains("cpu (cores)", "memory (MiB)");
        JsonNode quota = parse(admin("axion:quota --json"));
        long cpu = quota.path("cpu").path("limit").asLong();
        long memory = quota.path("memoryMiB").path("limit").asLong();
        assertThat(cpu).isPositive();
        assertThat(memory).isPositive();

        long lower = Math.max(quota.path("memoryMiB").path("allocated").asLong(), 256);
        try {
            assertThat(admin("axion:quota --cpu " + cpu + " --memory " + lower)).contains(Long.toString(lower));
            JsonNode viaRest = json(request("GET", "/api/v1/quota", adminToken(), null));
            assertThat(viaRest.path("memoryMiB").path("limit").asLong()).isEqualTo(lower);

            assertThatThrownBy(() -> executeAs(List.of("viewer"), "axion:quota --cpu 1 --memory 256"))
                    .hasStackTraceContaining("Error 403");
            assertThatThrownBy(() -> admin("axion:quota --cpu " + cpu)).hasStackTraceContaining("memoryMiB: is required");
            assertThatThrownBy(() -> admin("axion:quota --cpu " + cpu + " --memory 999999999"))
                    .hasStackTraceContaining("Error 422");
        } finally {
            admin("axion:quota --cpu " + cpu + " --memory " + memory);
        }
        assertThat(parse(admin("axion:quota -j")).path("memoryMiB").path("limit").asLong()).isEqualTo(memory);
    }

    // --- completion through Karaf's own completer of each command -----------------------------------------------

    @Test
    public void commandsCompleteInstanceSnapshotAndJobNames() throws Exception {
        awaitCommand("axion:instance-list");
        String name = "sh-comp";
        String created = admin("axion:instance-create --wait --no-start --image axion/busybox --cpu 1 --memory 64 "
                + name);
        admin("axion:snapshot-create --wait " + name + " first");
        try {
            assertThat(complete("axion", "instance-start", "sh-c")).contains(name);
            assertThat(complete("axion", "snapshot-restore", name, "fi")).contains("first");
            String job = jobId(created);
            assertThat(complete("axion", "job-show", job.substring(0, 8))).contains(job);
        } finally {
            admin("axion:instance-delete --wait " + name);
        }
    }

    /** The candidates Karaf's completer of {@code scope:name} offers for the last of {@code words}. */
    private List<String> complete(String scope, String name, String... words) {
        Session session = sessionFactory.create(System.in, System.out, System.err);
        try {
            Command command = session.getRegistry().getCommand(scope, name);
            assertThat(command).as("%s:%s is registered", scope, name).isNotNull();
            String[] all = new String[words.length + 1];
            all[0] = scope + ":" + name;
            System.arraycopy(words, 0, all, 1, words.length);
            List<String> candidates = new ArrayList<>();
            command.getCompleter(true).complete(session, new Line(all), candidates);
            return candidates.stream().map(String::trim).toList();
        } finally {
            session.close();
        }
    }

    /** A command line whose cursor is at the end of its last word. */
    private record Line(String[] words) implements CommandLine {
        @Override
        public int getCursorArgumentIndex() {
            return words.length - 1;
        }

        @Override
        public String getCursorArgument() {
            return words[words.length - 1];
        }

        @Override
        public int getArgumentPosition() {
            return getCursorArgument().length();
        }

        @Override
        public String[] getArguments() {
            return words;
        }

        @Override
        public int getBufferPosition() {
            return getBuffer().length();
        }

        @Override
        public String getBuffer() {
            return String.join(" ", words);
        }
    }

    // --- who may run what, and which commands are offered -----------------------------------------------------

    @Test
    public void aViewerReadsButCannotManageUsers() {
        awaitCommand("axion:user-list");
        assertThat(executeAs(List.of("viewer"), "axion:job-list")).contains("ID");
        assertThatThrownBy(() -> executeAs(List.of("viewer"), "axion:user-list"))
                .hasStackTraceContaining("CommandNotFoundException");
        assertThatThrownBy(() -> executeAs(List.of("viewer"), "axion:audit"))
                .hasStackTraceContaining("CommandNotFoundException");
    }

    @Test
    public void theCommandsOfAMissingServiceAreNotOfferedAndTheOthersStay() throws Exception {
        awaitCommand("axion:user-list");
        awaitCommand("axion:snapshot-list");
        Bundle auth = bundle("axion-auth");
        Bundle snapshots = bundle("axion-snapshot");
        auth.stop();
        snapshots.stop();
        try {
            await().atMost(DEADLINE).untilAsserted(() -> {
                assertThatThrownBy(() -> admin("axion:user-list")).hasStackTraceContaining("CommandNotFoundException");
                assertThatThrownBy(() -> admin("axion:snapshot-list sh-x"))
                        .hasStackTraceContaining("CommandNotFoundException");
            });
            assertThat(admin("axion:job-list")).contains("ID");
            assertThat(admin("axion:cluster-members")).contains("ID");
            assertThat(admin("axion:instance-list")).contains("NAME");
        } finally {
            auth.start();
            snapshots.start();
        }
        awaitCommand("axion:user-list");
        awaitCommand("axion:snapshot-list");
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }
}
