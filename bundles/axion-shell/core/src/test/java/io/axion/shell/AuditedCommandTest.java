package io.axion.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import io.axion.api.error.ConflictException;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.io.PrintStream;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** Commands that change something leave an audit entry with the caller, its SSH address and the outcome. */
class AuditedCommandTest {
    final List<AuditEvent> recorded = new CopyOnWriteArrayList<>();

    @Command(scope = "axion", name = "thing-stop")
    static class StopThing extends AxionAction {
        RuntimeException failure;
        boolean commandError;

        @Override
        protected void run(PrintStream out) throws Exception {
            if (commandError) {
                throw new CommandException("--timeout must be at least 1 second");
            }
            if (failure != null) {
                throw failure;
            }
            out.println("stopped");
        }

        @Override
        protected String audited() {
            return "web --force";
        }
    }

    @Command(scope = "axion", name = "thing-list")
    static class ListThings extends AxionAction {
        @Override
        protected void run(PrintStream out) {
            out.println("web");
        }
    }

    /** Keeps what it is told; nothing to read back. */
    final AuditTrail trail = new AuditTrail() {
        @Override
        public void record(AuditEvent event) {
            recorded.add(event);
        }

        @Override
        public List<AuditEntry> recent(int limit, String user) {
            return List.of();
        }
    };

    <T extends AxionAction> T audited(T command) {
        return Fields.set(command, "audit", trail);
    }

    static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        return Subject.doAs(subject, action);
    }

    @Test
    void aChangeIsAuditedWithTheSshUserAddressAndOutcome() throws Exception {
        Subject olivia = new Subject(false, Set.of(new UserPrincipal("olivia"), new RolePrincipal("operator"),
                new ClientPrincipal("ssh", "/192.0.2.7:50122")), Set.of(), Set.of());
        assertThat(as(olivia, () -> Output.of(audited(new StopThing())))).isEqualTo("stopped\n");
        assertThat(recorded).containsExactly(new AuditEvent("olivia", AuditEvent.SHELL, "ssh",
                "axion:thing-stop web --force", "/192.0.2.7:50122", 200));
    }

    @Test
    void refusalsAndErrorsAreAuditedWithTheirStatus() {
        StopThing refused = audited(new StopThing());
        refused.failure = new ConflictException("busy", "Instance 'web' is busy");
        assertThatThrownBy(() -> Output.of(refused)).hasMessage("Error 409 (busy): Instance 'web' is busy");
        StopThing wrong = audited(new StopThing());
        wrong.commandError = true;
        assertThatThrownBy(() -> Output.of(wrong)).isInstanceOf(CommandException.class);
        StopThing broken = audited(new StopThing());
        broken.failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> Output.of(broken)).hasMessage("boom");
        assertThat(recorded).extracting(AuditEvent::status).containsExactly(409, 400, 500);
        // Karaf's local console: no client principal, nobody logged in.
        assertThat(recorded.get(0).user()).isNull();
        assertThat(recorded.get(0).method()).isEqualTo(ShellCaller.CONSOLE);
    }

    @Test
    void readsAreNotAuditedAndNoAuditTrailIsFine() throws Exception {
        Output.of(audited(new ListThings()));
        assertThat(recorded).isEmpty();
        assertThat(Output.of(new StopThing())).isEqualTo("stopped\n");
    }

    @Test
    void rolesAreReadFromTheSessionsSubject() throws Exception {
        assertThat(ShellCaller.currentUserHas("admin")).isFalse();
        Subject admin = new Subject(false, Set.of(new RolePrincipal("admin")), Set.of(), Set.of());
        assertThat(as(admin, () -> ShellCaller.currentUserHas("admin"))).isTrue();
        Subject viewer = new Subject(false, Set.of(new RolePrincipal("viewer")), Set.of(), Set.of());
        assertThat(as(viewer, () -> ShellCaller.currentUserHas("admin"))).isFalse();
    }
}
