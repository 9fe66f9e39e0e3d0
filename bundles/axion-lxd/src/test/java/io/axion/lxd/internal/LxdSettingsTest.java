package io.axion.lxd.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LxdSettingsTest {

    @Test
    void socketFallsBackToSnapThenIncusOnlyWhenTheDefaultIsAbsent() {
        Set<Path> snapOnly = Set.of(Path.of("/var/snap/lxd/common/lxd/unix.socket"));
        assertThat(LxdSettings.resolveSocket(LxdSettings.DEFAULT_SOCKET, snapOnly::contains))
                .isEqualTo(Path.of("/var/snap/lxd/common/lxd/unix.socket"));
        Set<Path> incusOnly = Set.of(Path.of("/var/lib/incus/unix.socket"));
        assertThat(LxdSettings.resolveSocket("", incusOnly::contains)).isEqualTo(Path.of("/var/lib/incus/unix.socket"));
        Set<Path> all = Set.of(Path.of(LxdSettings.DEFAULT_SOCKET), Path.of("/var/lib/incus/unix.socket"));
        assertThat(LxdSettings.resolveSocket(LxdSettings.DEFAULT_SOCKET, all::contains))
                .isEqualTo(Path.of(LxdSettings.DEFAULT_SOCKET));
        // An explicit socket is used as given, even when it does not exist (yet).
        assertThat(LxdSettings.resolveSocket("/run/custom.socket", incusOnly::contains))
                .isEqualTo(Path.of("/run/custom.socket"));
        assertThat(LxdSettings.resolveSocket(LxdSettings.DEFAULT_SOCKET, p -> false))
                .isEqualTo(Path.of(LxdSettings.DEFAULT_SOCKET));
    }

    @Test
    void generatesAClientCertificateOnceAndLoadsIt(@TempDir Path data) throws Exception {
        var files = ClientCertificates.ensure(null, null, data);
        assertThat(files.certificate()).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key()))).isEqualTo("rw-------");
        byte[] first = Files.readAllBytes(files.certificate());
        var again = ClientCertificates.ensure(null, null, data);
        assertThat(Files.readAllBytes(again.certificate())).isEqualTo(first);

        var store = ClientCertificates.keyStore(files.certificate(), files.key());
        assertThat(store.isKeyEntry("axion")).isTrue();
        var certificate = ClientCertificates.readCertificate(files.certificate());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("O=Axion");
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(ClientCertificates.trustStore(files.certificate()).size()).isEqualTo(1);
    }
}
