package io.axion.lxd.internal;

import io.axion.api.host.HostEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A host's driver settings: the driver's own (timeouts, image fallbacks, limits) with the host's endpoint. PEM
 * texts a host record carries (they live in the shared store, so every node uses the same client certificate) are
 * written to files of the host's own folder, readable by Axion only, as the TLS set-up reads files.
 */
final class HostSettings {
    private HostSettings() {
    }

    static LxdSettings of(LxdSettings driver, String host, HostEndpoint endpoint) {
        Path folder = driver.dataDir().resolve("hosts").resolve(host);
        Path socket = endpoint.socket() == null || endpoint.socket().isBlank() ? driver.socket()
                : LxdSettings.resolveSocket(endpoint.socket(), Files::exists);
        return new LxdSettings(socket, endpoint.remote() ? endpoint.url().trim() : null,
                pem(folder, "client.crt", endpoint.clientCertificate(), driver.clientCertificate()),
                pem(folder, "client.key", endpoint.clientKey(), driver.clientKey()),
                pem(folder, "server.crt", endpoint.serverCertificate(), driver.serverCertificate()),
                driver.dataDir(), endpoint.project(), driver.operationTimeout(), driver.createTimeout(),
                driver.stopTimeout(), driver.requestTimeout(), driver.healthInterval(), driver.imageFallbacks(),
                driver.execOutputLimitBytes(), driver.bridge());
    }

    private static Path pem(Path folder, String file, String text, Path fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Path target = folder.resolve(file);
        try {
            Files.createDirectories(folder);
            if (Files.notExists(target)) {
                Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(target, text, StandardCharsets.US_ASCII);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
