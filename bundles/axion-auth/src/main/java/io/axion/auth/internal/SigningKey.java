package io.axion.auth.internal;

import io.axion.api.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key that signs Axion's tokens: 256 random bits made at first boot and kept in the store, so that every
 * node of a cluster signs and checks with the same key. A key file that an earlier Axion kept in the data folder is
 * moved into the store (its tokens keep working) and then deleted. Deleting the stored row (and restarting every
 * node) revokes every token ever issued.
 */
final class SigningKey {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    /** Where Axion kept the key before it moved into the store. */
    static final String FILE_NAME = "jwt-signing.key";
    private static final int KEY_BYTES = 32;

    private SigningKey() {
    }

    static SecretKey loadOrCreate(Store store, Path dataDir, Clock clock) {
        Path file = dataDir.resolve(FILE_NAME);
        Optional<String> stored = store.inTransaction(SigningKey::read);
        if (stored.isEmpty()) {
            Optional<String> legacy = SecretFiles.read(file).map(String::trim);
            String candidate = legacy.orElseGet(SigningKey::fresh);
            decode(candidate, file.toString()); // a broken legacy file is refused before it is stored
            // Nodes booting together race here; the first insert wins and every node then reads that one.
            store.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO auth_signing_key (id, secret, "
                        + "created_at_ms) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                    insert.setString(1, candidate);
                    insert.setLong(2, clock.millis());
                    return insert.executeUpdate();
                }
            });
            stored = store.inTransaction(SigningKey::read);
            if (legacy.isPresent() && legacy.equals(stored)) {
                LOG.info("Moved the token signing key from {} into the store", file);
            }
        }
        deleteLegacy(file);
        return new SecretKeySpec(decode(stored.orElseThrow(), "The stored signing key"), "HmacSHA256");
    }

    private static Optional<String> read(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT secret FROM auth_signing_key WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private static String fresh() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static byte[] decode(String encoded, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " does not hold a base64 key; delete it to make a new one", e);
        }
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException(source + " holds a key shorter than 256 bits; delete it to make a new one");
        }
        return key;
    }

    /** Once the store holds the key, a copy on disk is only one more place for it to leak from. */
    private static void deleteLegacy(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the old signing key file " + file, e);
        }
    }
}
