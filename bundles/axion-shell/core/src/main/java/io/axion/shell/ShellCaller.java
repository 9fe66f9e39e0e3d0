package io.axion.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * Who runs the current command, as Karaf's JAAS login put it in the session's subject: the user, the roles, and
 * the channel and address it came from (an SSH login carries its client's address).
 */
public record ShellCaller(String username, String channel, String address) {
    /** The channel of a session without a client principal: Karaf's local console. */
    public static final String CONSOLE = "console";

    /** The caller of the command running on this thread; a caller without a name when no one logged in. */
    public static ShellCaller current() {
        Optional<Subject> subject = subject();
        String user = subject.flatMap(s -> s.getPrincipals(UserPrincipal.class).stream().findFirst())
                .map(Principal::getName).orElse(null);
        Optional<ClientPrincipal> client = subject
                .flatMap(s -> s.getPrincipals(ClientPrincipal.class).stream().findFirst());
        return new ShellCaller(user, client.map(ClientPrincipal::getMethod).orElse(CONSOLE),
                client.map(ClientPrincipal::getAddress).orElse("local"));
    }

    /** Whether the current subject holds {@code role}; false without a subject (nobody logged in). */
    public static boolean currentUserHas(String role) {
        return subject().map(s -> s.getPrincipals(RolePrincipal.class).stream()
                .anyMatch(p -> role.equals(p.getName()))).orElse(false);
    }

    @SuppressWarnings("removal") // Karaf's own ACL check reads the subject the same way
    private static Optional<Subject> subject() {
        return Optional.ofNullable(Subject.getSubject(AccessController.getContext()));
    }
}
