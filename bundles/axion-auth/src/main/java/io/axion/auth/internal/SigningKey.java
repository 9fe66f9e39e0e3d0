package io.axion.auth.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key that signs Axion's tokens: 256 random bits made at first boot and kept in the data folder, readable
 * by the owner only. Deleting the file (and restarting) revokes every token ever issued.
 */
final class SigningKey {
    static final String FILE_NAME = "jwt-signing.key";
    private static final int KEY_BYTES = 32;

    private SigningKey() {
    }

    static SecretKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        SecretFiles.createIfAbsent(file, Base64.getEncoder().encodeToString(fresh) + "\n");
        String stored = SecretFiles.read(file).orElseThrow().trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a base64 key; delete it to make a new one", e);
        }
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException(file + " holds a key shorter than 256 bits; delete it to make a new one");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
