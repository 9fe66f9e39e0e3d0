package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.wrappedBundle;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Roles;
import io.axion.api.web.WebSocketRoute;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** Issue 6's acceptance: tokens, roles, throttling, WebSocket upgrades, the shell's login, fuzzing. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthIT extends KarafTestSupport {
    static final String PASSWORD = "itest-password-1";
    static final String WS_ROUTE = "auth-it";

    private ServiceRegistration<WebSocketRoute> route;

    @Configuration
    public Option[] config() {
        return withBaseOptions(
                // Short waits, so that the test sees a lock run out; the loopback address all tests share is
                // not locked (the per-address lock is covered by unit tests).
                editConfigurationFilePut("etc/io.axion.auth.cfg", "lockoutSeconds", "3"),
                editConfigurationFilePut("etc/io.axion.auth.cfg", "maxFailuresPerAddress", "1000000"),
                editConfigurationFilePut("etc/io.axion.auth.cfg", "slowdownMaxMs", "300"),
                editConfigurationFilePut("etc/io.axion.auth.cfg", "ticketTtlSeconds", "2"),
                // The TOTP library, as the test's authenticator app
                wrappedBundle(mavenBundle().groupId("com.eatthepath").artifactId("java-otp").versionAsInProject()));
    }

    /** The SSH server, for the shell's login. */
    @Override
    protected boolean remoteShell() {
        return true;
    }

    @Before
    public void registerAWebSocketRouteAndWaitForTheRoutesToSettle() {
        route = bundleContext.registerService(WebSocketRoute.class, new NoOpRoute(), null);
        // Bundles that start late (jobs, after Hazelcast) add their routes later: the matrices below need them all.
        await().atMost(Duration.ofSeconds(90)).until(() -> Arrays.stream(bundleContext.getBundles())
                .allMatch(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) != null || b.getState() == Bundle.ACTIVE));
        int[] last = {-1, 0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int count = get("/api/v1/openapi.json").body().length();
            last[1] = count == last[0] ? last[1] + 1 : 0;
            last[0] = count;
            return last[1] >= 3;
        });
    }

    @After
    public void unregisterTheRoute() {
        route.unregister();
    }

    @Test
    public void everyProtectedRouteRefusesMissingExpiredTamperedAlgNoneForeignDeletedUserAndResetTokens() {
        String admin = adminToken();
        ForgedTokens forge = ForgedTokens.withAxionsKey(bundleContext);
        ensureUser(admin, "gone", Roles.VIEWER);
        String goneToken = login("gone", PASSWORD);
        assertThat(request("DELETE", "/api/v1/users/gone", admin, null).statusCode()).isEqualTo(204);
        ensureUser(admin, "reset", Roles.VIEWER);
        String beforeReset = login("reset", PASSWORD);
        assertThat(request("PUT", "/api/v1/users/reset/password", admin, "{\"password\":\"another-password-2\"}")
                .statusCode()).isEqualTo(204);

        Map<String, String> bad = Map.of(
                "missing", "",
                "garbage", "not.a.token",
                "expired", forge.expired(admin),
                "tampered", forge.tampered(admin, "someone"),
                "alg none", forge.algNone(admin),
                "HS512", forge.foreignAlgorithm(admin),
                "deleted user", goneToken,
                "password reset since", beforeReset);
        List<Operation> protectedOps = operations(admin).stream().filter(Operation::secured).toList();
        assertThat(protectedOps).extracting(Operation::path)
                .contains("/api/v1/users", "/api/v1/auth/me", "/api/v1/auth/ws-ticket", "/api/v1/audit");
        List<String> wrong = new ArrayList<>();
        for (Operation op : protectedOps) {
            for (Map.Entry<String, String> token : bad.entrySet()) {
                HttpResponse<String> response = request(op.method(), op.concretePath(), token.getValue().isEmpty()
                        ? null : token.getValue(), op.method().equals("GET") ? null : "{}");
                if (response.statusCode() != 401) {
                    wrong.add(op + " with a " + token.getKey() + " token: " + response.statusCode());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(request("GET", "/api/v1/auth/me", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    public void theRoleMatrixHolds() {
        String admin = adminToken();
        ensureUser(admin, "opal", Roles.OPERATOR);
        ensureUser(admin, "vic", Roles.VIEWER);
        Map<String, String> tokens = Map.of(Roles.OPERATOR, login("opal", PASSWORD),
                Roles.VIEWER, login("vic", PASSWORD), Roles.ADMIN, admin);
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations(admin)) {
            if (!op.secured() || op.requiredRole() == null) {
                continue;
            }
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                boolean allowed = Roles.includes(caller.getKey(), op.requiredRole());
                if (allowed && !op.method().equals("GET")) {
                    continue; // an allowed change would change things; the unit tests cover what it does
                }
                int status = request(op.method(), op.concretePath(), caller.getValue(),
                        op.method().equals("GET") ? null : "{}").statusCode();
                boolean refused = status == 403;
                if (allowed == refused || status == 401 || status >= 500) {
                    wrong.add(caller.getKey() + " " + op + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
        // The viewer's 403s cover every mutating route that needs more than viewer.
        assertThat(operations(admin).stream().filter(op -> op.secured() && !op.method().equals("GET")
                && op.requiredRole() != null && !Roles.includes(Roles.VIEWER, op.requiredRole())))
                .allSatisfy(op -> assertThat(request(op.method(), op.concretePath(), tokens.get(Roles.VIEWER), "{}")
                        .statusCode()).as(op.toString()).isEqualTo(403));
    }

    @Test
    public void elevenBadPasswordsEndIn429AndTheRightPasswordWorksAfterTheWait() {
        ensureUser(adminToken(), "throttled", Roles.VIEWER);
        for (int i = 1; i <= 10; i++) {
            assertThat(loginResponse("throttled", "wrong-password-" + i).statusCode()).as("attempt " + i)
                    .isEqualTo(401);
        }
        HttpResponse<String> eleventh = loginResponse("throttled", "wrong-password-11");
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        long retryAfter = Long.parseLong(eleventh.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(loginResponse("throttled", PASSWORD).statusCode()).isEqualTo(429);
        await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> loginResponse("throttled", PASSWORD).statusCode() == 200);
    }

    @Test
    public void webSocketUpgradesNeedABearerTokenOrAnUnusedUnexpiredTicket() {
        int port = Integer.parseInt(System.getProperty("axion.it.http.port"));
        String admin = adminToken();
        String path = "/ws/" + WS_ROUTE;
        await().atMost(DEADLINE).until(() -> RawUpgrade.status(port, path, "Bearer " + admin) == 101);

        String expired = ForgedTokens.withAxionsKey(bundleContext).expired(admin);
        // The test's own route, and the product's: events, and a terminal of an instance that does not exist (the
        // refusal comes before the route looks at its argument).
        for (String route : List.of(path, "/ws/events", "/ws/terminal/x0")) {
            assertThat(RawUpgrade.status(port, route, null)).as(route + " without a token").isEqualTo(401);
            assertThat(RawUpgrade.status(port, route, "Bearer not.a.token")).as(route).isEqualTo(401);
            assertThat(RawUpgrade.status(port, route + "?token=" + admin, null)).as(route + " token in the URL")
                    .isEqualTo(401);
            assertThat(RawUpgrade.status(port, route, "Bearer " + expired)).as(route + " expired").isEqualTo(401);
            assertThat(RawUpgrade.status(port, route + "?ticket=made-up", null)).as(route).isEqualTo(401);
        }

        for (String route : List.of(path, "/ws/events")) {
            String ticket = json(request("POST", "/api/v1/auth/ws-ticket", admin, null)).path("ticket").asText();
            assertThat(RawUpgrade.status(port, route + "?ticket=" + ticket, null)).as(route).isEqualTo(101);
            assertThat(RawUpgrade.status(port, route + "?ticket=" + ticket, null)).as(route + " used ticket")
                    .isEqualTo(401);
        }

        List<String> expiring = List.of(
                json(request("POST", "/api/v1/auth/ws-ticket", admin, null)).path("ticket").asText(),
                json(request("POST", "/api/v1/auth/ws-ticket", admin, null)).path("ticket").asText());
        await().pollDelay(Duration.ofMillis(2500)).until(() -> true); // the itest's tickets live 2 s
        assertThat(RawUpgrade.status(port, path + "?ticket=" + expiring.get(0), null)).as("expired").isEqualTo(401);
        assertThat(RawUpgrade.status(port, "/ws/events?ticket=" + expiring.get(1), null)).as("expired")
                .isEqualTo(401);

        // Opened and refused sockets are audited, by path only: a ticket in the query never reaches the log.
        JsonNode audit = json(request("GET", "/api/v1/audit?limit=200", admin, null));
        List<String> sockets = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.path("action").asText().equals("websocket")) {
                sockets.add(entry.path("user").asText("-") + " " + entry.path("path").asText() + " "
                        + entry.path("status").asInt());
            }
        });
        assertThat(sockets).contains("admin /ws/events 101", "- /ws/events 401", "- /ws/terminal/x0 401");
        assertThat(audit.toString()).doesNotContain("ticket=").doesNotContain(admin);
    }

    @Test
    public void anApiTokenActsWithinItsScopeOnRestAndWebSocketsUntilRevoked() throws Exception {
        String admin = adminToken();
        HttpResponse<String> created = request("POST", "/api/v1/tokens", admin,
                JSON.writeValueAsString(Map.of("name", "ci-read", "scopes", List.of("read"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = json(created).path("token").asText();
        String id = json(created).path("id").asText();
        assertThat(token).startsWith("axn_");

        assertThat(request("GET", "/api/v1/instances", token, null).statusCode()).isEqualTo(200);
        assertThat(request("POST", "/api/v1/users", token, JSON.writeValueAsString(Map.of("username", "nope",
                "password", "long-enough-pass-1", "role", "viewer"))).statusCode()).isEqualTo(403);
        // A read token cannot mint a stronger one.
        assertThat(request("POST", "/api/v1/tokens", token, JSON.writeValueAsString(Map.of("name", "up",
                "scopes", List.of("admin")))).statusCode()).isEqualTo(422);
        int port = Integer.parseInt(System.getProperty("axion.it.http.port"));
        assertThat(RawUpgrade.status(port, "/ws/events", "Bearer " + token)).isEqualTo(101);
        JsonNode listed = json(request("GET", "/api/v1/tokens", admin, null));
        assertThat(listed.toString()).contains("ci-read").doesNotContain(token.substring(15));

        assertThat(request("DELETE", "/api/v1/tokens/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(request("GET", "/api/v1/instances", token, null).statusCode()).isEqualTo(401);
        assertThat(RawUpgrade.status(port, "/ws/events", "Bearer " + token)).isEqualTo(401);
    }

    @Test
    public void revokingAUsersCredentialsClosesTheSocketsTheyOpenedBefore() throws Exception {
        String admin = adminToken();
        String user = "sockets-" + Long.toString(System.nanoTime() % 1_000_000, 36); // fresh on a rerun
        ensureUser(admin, user, Roles.OPERATOR);
        String events = "ws://127.0.0.1:" + System.getProperty("axion.it.http.port") + "/ws/events";
        RealtimeClients.Events revoked = new RealtimeClients.Events();
        RealtimeClients.Events bystander = new RealtimeClients.Events();
        RealtimeClients.open(events, login(user, PASSWORD), revoked);
        var adminSocket = RealtimeClients.open(events, admin, bystander);
        try {
            assertThat(request("PUT", "/api/v1/users/" + user + "/password", admin,
                    "{\"password\":\"another-password-2\"}").statusCode()).isEqualTo(204);
            assertThat(revoked.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(bystander.closed).isNotDone();
            // With the new password the user is welcome again.
            RealtimeClients.Events again = new RealtimeClients.Events();
            RealtimeClients.open(events, login(user, "another-password-2"), again);
            assertThat(request("DELETE", "/api/v1/users/" + user, admin, null).statusCode()).isEqualTo(204);
            assertThat(again.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
                assertThat(bystander.closed).isNotDone();
        } finally {
            adminSocket.abort();
        }
    }

    @Test
    public void theShellLogsInWithAxionsAdminAndNotWithKarafKaraf() throws Exception {
        String adminPassword = Files.readString(Path.of(System.getProperty("karaf.data"), "initial-admin-password"))
                .trim();
        ensureUser(adminToken(), "vic", Roles.VIEWER);
        int port = sshPort();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try {
            assertThatThrownBy(() -> ssh(client, port, "karaf", "karaf", "echo nope")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> ssh(client, port, "vic", PASSWORD, "echo nope")).isInstanceOf(IOException.class);
            assertThat(ssh(client, port, "admin", adminPassword, "echo axion-shell-ok")).contains("axion-shell-ok");
            assertThat(ssh(client, port, "admin", adminPassword,
                    "axion:user-add --role viewer --password " + PASSWORD + " shellmade")).contains("created");
        } finally {
            client.stop();
        }
        // The shell's change is in the same audit log as the API's, with the SSH client's address, and no password.
        JsonNode audit = json(request("GET", "/api/v1/audit?limit=50", adminToken(), null));
        assertThat(audit.findValuesAsText("path")).contains("axion:user-add shellmade role=viewer");
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.path("path").asText()).isEqualTo("axion:user-add shellmade role=viewer");
            assertThat(entry.path("user").asText()).isEqualTo("admin");
            assertThat(entry.path("action").asText()).isEqualTo("shell");
            assertThat(entry.path("method").asText()).isEqualTo("ssh");
            assertThat(entry.path("address").asText()).contains("127.0.0.1");
            assertThat(entry.path("status").asInt()).isEqualTo(200);
        });
        assertThat(audit.toString()).doesNotContain(PASSWORD);
    }

    @Test
    public void aFuzzOfBodiesHeadersAndPathsGetsNo5xxAndChangesNothing() {
        String admin = adminToken();
        ensureUser(admin, "fuzzer", Roles.ADMIN);
        String fuzzer = login("fuzzer", PASSWORD);
        List<String> watched = List.of("/api/v1/users", "/api/v1/instances", "/api/v1/quota", "/api/v1/jobs",
                "/api/v1/capabilities");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        watched.forEach(path -> before.put(path, json(request("GET", path, admin, null))));
        String lxdBefore = lxc("list", "--format", "csv", "-c", "ns");

        List<String> failures = new AuthFuzz(this::send, 20260601L).run(operations(admin), fuzzer, 3000);

        assertThat(failures).isEmpty();
        watched.forEach(path -> assertThat(json(request("GET", path, admin, null))).as(path)
                .isEqualTo(before.get(path)));
        assertThat(lxc("list", "--format", "csv", "-c", "ns")).isEqualTo(lxdBefore);
        assertThat(request("GET", "/api/v1/auth/me", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    public void twoFactorLoginNeedsACurrentCodeOnceOrARecoveryCodeOnce() throws Exception {
        String admin = adminToken();
        String user = "totp-" + Long.toString(System.nanoTime() % 1_000_000, 36); // fresh on a rerun
        ensureUser(admin, user, Roles.OPERATOR);
        String session = login(user, PASSWORD);

        HttpResponse<String> enrolled = request("POST", "/api/v1/auth/totp/enrol", session, null);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        String secret = json(enrolled).path("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(json(enrolled).path("otpauthUri").asText()).startsWith("otpauth://totp/Axion:" + user + "?")
                .contains("secret=" + secret);
        // Pending: the password alone still logs in.
        login(user, PASSWORD);

        // The code of now confirms; the next step's (within the accepted skew) is kept for the login.
        Instant now = Instant.now();
        String confirmCode = totp(secret, now);
        String loginCode = totp(secret, now.plus(Duration.ofSeconds(30)));
        HttpResponse<String> confirmed = request("POST", "/api/v1/auth/totp/confirm", session,
                JSON.writeValueAsString(Map.of("code", confirmCode)));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        json(confirmed).path("recoveryCodes").forEach(code -> recovery.add(code.asText()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();

        HttpResponse<String> withoutCode = loginResponse(user, PASSWORD);
        assertThat(withoutCode.statusCode()).isEqualTo(401);
        assertThat(withoutCode.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(withoutCode).path("type").asText()).endsWith("/totp-required");

        HttpResponse<String> withCode = loginWithCode(user, PASSWORD, loginCode);
        assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(200);
        assertThat(request("GET", "/api/v1/auth/me", json(withCode).path("token").asText(), null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> replayed = loginWithCode(user, PASSWORD, loginCode);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(json(replayed).path("type").asText()).endsWith("/bad-credentials");
        // The code that confirmed the enrolment is used up too.
        assertThat(loginWithCode(user, PASSWORD, confirmCode).statusCode()).isEqualTo(401);
        // A right code with a wrong password is a wrong password.
        assertThat(loginWithCode(user, "wrong-password-9", recovery.get(0)).statusCode()).isEqualTo(401);

        assertThat(loginWithCode(user, PASSWORD, recovery.get(0)).statusCode()).isEqualTo(200);
        assertThat(loginWithCode(user, PASSWORD, recovery.get(0)).statusCode()).isEqualTo(401);
        assertThat(loginWithCode(user, PASSWORD, recovery.get(1)).statusCode()).isEqualTo(200);
        JsonNode state = json(request("GET", "/api/v1/auth/totp", session, null));
        assertThat(state.path("enabled").asBoolean()).isTrue();
        assertThat(state.path("recoveryCodesLeft").asInt()).isEqualTo(8);
        assertThat(json(request("GET", "/api/v1/users/" + user, admin, null)).path("totp").asBoolean()).isTrue();

        // Audited without a secret or a code; then an admin resets it and the password alone works again.
        JsonNode audit = json(request("GET", "/api/v1/audit?limit=200&user=" + user, admin, null));
        assertThat(audit.findValuesAsText("action")).contains("totp-enrol", "totp-enabled", "login-totp-required",
                "login-failed", "login");
        assertThat(audit.toString()).doesNotContain(secret).doesNotContain(confirmCode).doesNotContain(loginCode)
                .doesNotContain(recovery.get(0));
        assertThat(request("DELETE", "/api/v1/users/" + user + "/totp", admin, null).statusCode()).isEqualTo(204);
        assertThat(loginResponse(user, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(request("DELETE", "/api/v1/users/" + user, admin, null).statusCode()).isEqualTo(204);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The code an authenticator app shows at {@code at} for a Base32 secret (java-otp, as the server uses). */
    static String totp(String base32Secret, Instant at) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        return generator.generateOneTimePasswordString(
                new SecretKeySpec(base32(base32Secret), generator.getAlgorithm()), at, Locale.ROOT);
    }

    /** RFC 4648 Base32, without padding. */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    HttpResponse<String> loginWithCode(String username, String password, String code) throws Exception {
        return request("POST", "/api/v1/auth/login", null,
                JSON.writeValueAsString(Map.of("username", username, "password", password, "code", code)));
    }

    /** One route of the OpenAPI document. */
    record Operation(String method, String path, boolean secured, String requiredRole) {
        /** The path with every parameter filled with a name that exists nowhere. */
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "x0");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    List<Operation> operations(String token) {
        JsonNode paths = json(request("GET", "/api/v1/openapi.json", token, null)).path("paths");
        List<Operation> ops = new ArrayList<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = paths.path(path).fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> method = m.next();
                JsonNode op = method.getValue();
                String lowest = null;
                for (JsonNode role : op.path("x-roles")) {
                    if (lowest == null || Roles.includes(lowest, role.asText())) {
                        lowest = role.asText();
                    }
                }
                ops.add(new Operation(method.getKey().toUpperCase(), path, op.path("security").size() > 0, lowest));
            }
        }
        assertThat(ops).isNotEmpty();
        return ops;
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Like {@link #request}, with any headers; throws IllegalArgumentException for what the client won't send. */
    HttpResponse<String> send(AuthFuzz.Request r) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + r.path()))
                .timeout(Duration.ofSeconds(30))
                .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(r.body()));
        r.headers().forEach(builder::header);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void ensureUser(String admin, String username, String role) {
        int status = request("POST", "/api/v1/users", admin, "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"}").statusCode();
        assertThat(status).isIn(201, 409);
    }

    String login(String username, String password) {
        HttpResponse<String> response = loginResponse(username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("token").asText();
    }

    HttpResponse<String> loginResponse(String username, String password) {
        return request("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    static int sshPort() {
        Properties shell = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("karaf.etc"), "org.apache.karaf.shell.cfg"))) {
            shell.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(shell.getProperty("sshPort").trim());
    }

    static String ssh(SshClient client, int port, String user, String password, String command) throws IOException {
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(10_000L).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(10_000L);
            return session.executeRemoteCommand(command);
        }
    }

    /** A WebSocket route that accepts and does nothing: the upgrade's answer is what the test looks at. */
    static final class NoOpRoute implements WebSocketRoute {
        @Override
        public String name() {
            return WS_ROUTE;
        }

        @Override
        public Endpoint newEndpoint(AuthenticatedUser user, String argument, Map<String, String> query) {
            return new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    // nothing to say
                }
            };
        }
    }
}
