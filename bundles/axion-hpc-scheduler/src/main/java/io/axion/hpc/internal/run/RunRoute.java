package io.axion.hpc.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.error.AxionException;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import io.axion.api.web.WebSocketRoute;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /ws/gangs/{name}/runs/{id}}: a run's output as it comes, one text message per line {@code {member, stream,
 * line}} (tagged by member, like {@code srun --label}), each member's {@code {member, exitCode, state}} when it
 * ends, and {@code {state}} last, then the socket closes (1000). Read from the store, so any node streams any run;
 * a member's lines come when its command ended (LXD hands back the output of a finished exec).
 */
@Component(service = WebSocketRoute.class)
public class RunRoute implements WebSocketRoute {
    static final int NOT_FOUND = 4404;
    static final int POLICY_VIOLATION = 1008;
    private static final Pattern ARGUMENT = Pattern.compile("^([a-z0-9-]{1,63})/runs/([0-9a-f-]{1,64})$");
    private static final long POLL_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference
    private GangRuns runs;

    /** Optional: without tenants (no auth feature) every caller sees every gang's runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TenantService tenants;

    private ScheduledExecutorService polls;

    @Activate
    void activate() {
        polls = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "axion-hpc-run-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        polls.shutdownNow();
    }

    @Override
    public String name() {
        return "gangs";
    }

    /**
     * The socket acts in the tenant the REST API would: the API token's, else the {@code tenant} query parameter's
     * (a browser cannot set the {@code Axion-Tenant} header on an upgrade), else the user's own; a run of another
     * tenant's gang closes 4404 as an unknown one does, a tenant the user does not belong to 1008.
     */
    @Override
    public Endpoint newEndpoint(AuthenticatedUser user, String argument, Map<String, String> query) {
        Matcher parts = ARGUMENT.matcher(argument == null ? "" : argument);
        TenantScope scope = null;
        TenantService service = tenants;
        if (service != null) {
            try {
                scope = service.scopeOf(user.username(), user.role(),
                        user.tenant() != null ? user.tenant() : query.get("tenant"));
            } catch (AxionException refused) {
                return new Refusal(POLICY_VIOLATION, refused.detail());
            }
        }
        return new Stream(parts.matches() ? parts.group(1) : null, parts.matches() ? parts.group(2) : null, scope);
    }

    /** Closes at once with a reason. */
    private static final class Refusal extends Endpoint {
        private final int code;
        private final String reason;

        Refusal(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            close(session, code, reason);
        }
    }

    /** One socket: sends what is new in the run every poll, until the run finished. */
    private final class Stream extends Endpoint {
        private final String gang;
        private final String id;
        private final TenantScope scope;
        private final Set<String> sent = new HashSet<>();
        private volatile ScheduledFuture<?> poll;

        Stream(String gang, String id, TenantScope scope) {
            this.gang = gang;
            this.id = id;
            this.scope = scope;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            if (gang == null) {
                close(session, NOT_FOUND, "expected /ws/gangs/{name}/runs/{id}");
                return;
            }
            poll = polls.scheduleWithFixedDelay(() -> send(session), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            ScheduledFuture<?> running = poll;
            if (running != null) {
                running.cancel(false);
            }
        }

        private void send(Session session) {
            try {
                RunView run = runs.get(gang, id, scope);
                for (RunView.MemberRun member : run.members()) {
                    if (member.finished() && sent.add(member.name())) {
                        lines(session, member, "stdout", member.stdout());
                        lines(session, member, "stderr", member.stderr());
                        Map<String, Object> end = new LinkedHashMap<>();
                        end.put("member", member.name());
                        end.put("state", member.state());
                        end.put("exitCode", member.exitCode());
                        text(session, end);
                    }
                }
                if (!RunView.RUNNING.equals(run.state())) {
                    text(session, Map.of("state", run.state()));
                    poll.cancel(false);
                    close(session, CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), run.state());
                }
            } catch (AxionException e) {
                poll.cancel(false);
                close(session, 4000 + e.status(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                poll.cancel(false);
                close(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "stream failed");
            }
        }

        private void lines(Session session, RunView.MemberRun member, String stream, String output)
                throws IOException {
            if (output == null || output.isEmpty()) {
                return;
            }
            for (String line : output.split("\n", -1)) {
                if (!line.isEmpty()) {
                    text(session, Map.of("member", member.name(), "stream", stream, "line", line));
                }
            }
        }

        private void text(Session session, Object message) throws IOException {
            try {
                session.getBasicRemote().sendText(JSON.writeValueAsString(message));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void close(Session session, int code, String reason) {
        try {
            String text = reason == null ? "" : reason.substring(0, Math.min(reason.length(), 100));
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), text));
        } catch (IOException ignored) {
            // Gone already.
        }
    }
}
