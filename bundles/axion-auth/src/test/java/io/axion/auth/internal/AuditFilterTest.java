package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.web.RestProvider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit filter outside a container. */
class AuditFilterTest {
    @TempDir
    Path dir;
    AuthFixture f;
    AuditFilter filter;

    @BeforeEach
    void start() throws Exception {
        f = AuthFixture.withAdmin(dir);
        filter = new AuditFilter();
        set(filter, "auth", f.auth);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void auditsMutatingRequestsWithCallerAddressAndOutcome() {
        filter.filter(request("POST", "/api/v1/instances?secret=x", new AuthenticatedUser("olivia", "operator")),
                response(202));
        filter.filter(request("DELETE", "/api/v1/users/bob", null), response(401));
        var entries = f.auth.audit().recent(10, null);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1)).satisfies(e -> {
            assertThat(e.user()).isEqualTo("olivia");
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.path()).isEqualTo("/api/v1/instances");
            assertThat(e.address()).isEqualTo("192.0.2.7");
            assertThat(e.status()).isEqualTo(202);
        });
        assertThat(entries.get(0).user()).isNull();
        assertThat(entries.get(0).status()).isEqualTo(401);
    }

    @Test
    void keepsOnlyTheQueryParametersThatNameTheTarget() {
        AuthenticatedUser olivia = new AuthenticatedUser("olivia", "operator");
        filter.filter(request("PUT", "/api/v1/instances/web/files?path=/etc/motd&ticket=abc", olivia), response(204));
        filter.filter(request("POST", "/api/v1/instances/web/stop?force=true&token=xyz", olivia), response(202));
        assertThat(f.auth.audit().recent(10, null)).extracting(AuditEntry::path).containsExactly(
                "/api/v1/instances/web/stop?force=true", "/api/v1/instances/web/files?path=/etc/motd");
    }

    @Test
    void otherBundlesRecordIntoTheSameLog() {
        new AuditTrailService(f.auth).record(new AuditEvent("olivia", AuditEvent.SHELL, "ssh",
                "axion:instance-stop web", "192.0.2.9", 200));
        assertThat(f.auth.audit().recent(10, "olivia")).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("shell");
            assertThat(e.method()).isEqualTo("ssh");
            assertThat(e.path()).isEqualTo("axion:instance-stop web");
            assertThat(e.address()).isEqualTo("192.0.2.9");
            assertThat(e.status()).isEqualTo(200);
        });
    }

    @Test
    void readsAndLoginsTheLoginAuditedItselfAreNotAuditedAgain() {
        filter.filter(request("GET", "/api/v1/instances", new AuthenticatedUser("olivia", "operator")), response(200));
        filter.filter(request("HEAD", "/api/v1/instances", null), response(200));
        filter.filter(request("POST", "/api/v1/auth/login", null), response(401));
        filter.filter(request("POST", "/api/v1/auth/login", null), response(429));
        assertThat(f.auth.audit().recent(10, null)).isEmpty();
        // A login that never reached the check (a malformed body) is still recorded.
        filter.filter(request("POST", "/api/v1/auth/login", null), response(400));
        assertThat(f.auth.audit().recent(10, null)).hasSize(1);
    }

    private static ContainerRequestContext request(String method, String uri, AuthenticatedUser user) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        UriInfo uriInfo = mock(UriInfo.class);
        SecurityContext security = mock(SecurityContext.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getProperty(RestProvider.PEER_ADDRESS)).thenReturn("192.0.2.7");
        when(request.getUriInfo()).thenReturn(uriInfo);
        URI full = URI.create("http://127.0.0.1:8080" + uri);
        when(uriInfo.getRequestUri()).thenReturn(full);
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        if (full.getQuery() != null) {
            for (String pair : full.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.add(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        when(uriInfo.getQueryParameters()).thenReturn(query);
        when(request.getSecurityContext()).thenReturn(security);
        when(security.getUserPrincipal()).thenReturn(user);
        return request;
    }

    private static ContainerResponseContext response(int status) {
        ContainerResponseContext response = mock(ContainerResponseContext.class);
        when(response.getStatus()).thenReturn(status);
        return response;
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
