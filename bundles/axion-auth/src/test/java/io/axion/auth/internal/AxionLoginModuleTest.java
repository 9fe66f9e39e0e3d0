package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.Roles;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AxionLoginModuleTest {
    @TempDir
    Path dir;
    AuthFixture f;

    @BeforeEach
    void start() {
        f = AuthFixture.withAdmin(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theRealmOutranksKarafsAndGoesThroughKarafsProxy() {
        AxionJaasRealm realm = new AxionJaasRealm(f.auth);
        assertThat(realm.getName()).isEqualTo("karaf");
        assertThat(realm.getRank()).isGreaterThan(0);
        AppConfigurationEntry[] entries = realm.getEntries();
        assertThat(entries).hasSize(1);
        assertThat(entries[0].getLoginModuleName()).isEqualTo(ProxyLoginModule.class.getName());
        assertThat(entries[0].getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
    }

    @Test
    void anAxionAdminGetsKarafsAdminRolesIncludingSsh() throws LoginException {
        Subject subject = sshSubject();
        AxionLoginModule module = module(subject, "admin", AuthFixture.ADMIN_PASSWORD, new AxionJaasRealm(f.auth));
        assertThat(module.login()).isTrue();
        assertThat(module.commit()).isTrue();
        assertThat(subject.getPrincipals(UserPrincipal.class)).extracting(Principal::getName).containsExactly("admin");
        assertThat(subject.getPrincipals(RolePrincipal.class)).extracting(Principal::getName)
                .containsExactlyInAnyOrder("admin", "manager", "viewer", "systembundles", "ssh");
        assertThat(f.auth.audit().recent(1, "admin").get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("login");
            assertThat(e.method()).isEqualTo("SSH");
            assertThat(e.address()).isEqualTo("127.0.0.1");
        });
        module.logout();
        assertThat(subject.getPrincipals(RolePrincipal.class)).isEmpty();
    }

    @Test
    void anOperatorGetsNoSshRole() throws LoginException {
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        Subject subject = sshSubject();
        AxionLoginModule module = module(subject, "olivia", "operator-pass-1", new AxionJaasRealm(f.auth));
        module.login();
        module.commit();
        assertThat(subject.getPrincipals(RolePrincipal.class)).extracting(Principal::getName)
                .containsExactly("viewer");
    }

    @Test
    void karafKarafAndWrongPasswordsFail() {
        AxionJaasRealm realm = new AxionJaasRealm(f.auth);
        assertThatThrownBy(() -> module(sshSubject(), "karaf", "karaf", realm).login())
                .isInstanceOf(FailedLoginException.class);
        assertThatThrownBy(() -> module(sshSubject(), "admin", "wrong", realm).login())
                .isInstanceOf(FailedLoginException.class);
    }

    @Test
    void shellLoginsAreThrottledLikeTheApis() {
        AxionJaasRealm realm = new AxionJaasRealm(f.auth);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> module(sshSubject(), "admin", "wrong", realm).login())
                    .isInstanceOf(FailedLoginException.class).hasMessageContaining("Wrong");
        }
        assertThatThrownBy(() -> module(sshSubject(), "admin", AuthFixture.ADMIN_PASSWORD, realm).login())
                .isInstanceOf(FailedLoginException.class).hasMessageContaining("Too many");
    }

    @Test
    void withoutTheAccountServiceEveryLoginFails() {
        assertThatThrownBy(() -> module(sshSubject(), "admin", AuthFixture.ADMIN_PASSWORD,
                new AxionJaasRealm(null)).login()).isInstanceOf(LoginException.class);
    }

    @Test
    void readsTheHostOfKarafsClientAddress() {
        assertThat(AxionLoginModule.hostOf("/127.0.0.1:41234")).isEqualTo("127.0.0.1");
        assertThat(AxionLoginModule.hostOf("localhost/127.0.0.1:41234")).isEqualTo("127.0.0.1");
        assertThat(AxionLoginModule.hostOf("/[0:0:0:0:0:0:0:1]:22")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(AxionLoginModule.hostOf("/10.1.1.1")).isEqualTo("10.1.1.1");
        assertThat(AxionLoginModule.hostOf(null)).isEqualTo("unknown");
    }

    private static Subject sshSubject() {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", "/127.0.0.1:41234"));
        return subject;
    }

    private static AxionLoginModule module(Subject subject, String username, String password, AxionJaasRealm realm) {
        AxionLoginModule module = new AxionLoginModule();
        Map<String, ?> options = realm.getEntries()[0].getOptions();
        module.initialize(subject, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(username);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                }
            }
        }, Map.of(), options);
        return module;
    }
}
