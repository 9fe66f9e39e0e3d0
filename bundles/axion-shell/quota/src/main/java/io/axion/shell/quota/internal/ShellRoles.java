package io.axion.shell.quota.internal;

import java.security.AccessController;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/** The Karaf roles of the user running the command, as Karaf's JAAS login put them in the session's subject. */
final class ShellRoles {
    private ShellRoles() {
    }

    /** Whether the current subject holds {@code role}; false without a subject (nobody logged in). */
    @SuppressWarnings("removal") // Karaf's own ACL check reads the subject the same way
    static boolean currentUserHas(String role) {
        Subject subject = Subject.getSubject(AccessController.getContext());
        return subject != null && subject.getPrincipals(RolePrincipal.class).stream()
                .anyMatch(p -> role.equals(p.getName()));
    }
}
