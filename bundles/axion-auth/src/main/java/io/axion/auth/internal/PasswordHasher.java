package io.axion.auth.internal;

import io.axion.api.error.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle), stored in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. The parameters travel with each hash, so raising them later
 * keeps old hashes verifiable ({@link #needsRehash} tells when to upgrade one).
 */
final class PasswordHasher {
    private static final String PREFIX = "$argon2id$v=19$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    // Each hash holds memoryKiB of heap: a login flood must queue rather than exhaust memory.
    private final Semaphore permits;
    private final AtomicLong derivations = new AtomicLong();

    PasswordHasher(int memoryKiB, int iterations, int concurrentHashes) {
        if (memoryKiB < 8 || iterations < 1 || concurrentHashes < 1) {
            throw new IllegalArgumentException("Argon2id needs memory >= 8 KiB, iterations >= 1, permits >= 1");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.permits = new Semaphore(concurrentHashes, true);
    }

    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKiB, iterations, HASH_BYTES);
        return PREFIX + "m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code encoded}; false (never an exception) for a malformed hash. */
    boolean verify(String password, String encoded) {
        Parsed parsed = Parsed.of(encoded);
        if (parsed == null) {
            return false;
        }
        byte[] out = derive(password, parsed.salt, parsed.memoryKiB, parsed.iterations, parsed.hash.length);
        return MessageDigest.isEqual(out, parsed.hash);
    }

    /** Whether a hash was made with other parameters than the current ones. */
    boolean needsRehash(String encoded) {
        Parsed parsed = Parsed.of(encoded);
        return parsed == null || parsed.memoryKiB != memoryKiB || parsed.iterations != iterations;
    }

    /** How many hashes were computed, for tests that check a failed login costs one like a success. */
    long derivations() {
        return derivations.get();
    }

    private byte[] derive(String password, byte[] salt, int memory, int passes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(passes)
                .withParallelism(1)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        acquire();
        derivations.incrementAndGet();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            permits.release();
        }
        return out;
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new ServiceUnavailableException("auth-busy", "Too many logins at once; try again", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("auth-busy", "Interrupted while waiting to check a password", e);
        }
    }

    private record Parsed(int memoryKiB, int iterations, byte[] salt, byte[] hash) {
        static Parsed of(String encoded) {
            if (encoded == null || !encoded.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$");
            if (parts.length != 3) {
                return null;
            }
            int memory = -1;
            int passes = -1;
            for (String param : parts[0].split(",")) {
                String[] kv = param.split("=", 2);
                if (kv.length != 2) {
                    return null;
                }
                try {
                    switch (kv[0]) {
                        case "m" -> memory = Integer.parseInt(kv[1]);
                        case "t" -> passes = Integer.parseInt(kv[1]);
                        case "p" -> {
                            if (!kv[1].equals("1")) {
                                return null;
                            }
                        }
                        default -> {
                            return null;
                        }
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            // Bounds keep a tampered row from asking for gigabytes or hours.
            if (memory < 8 || memory > 1 << 21 || passes < 1 || passes > 100) {
                return null;
            }
            try {
                byte[] salt = B64D.decode(parts[1]);
                byte[] hash = B64D.decode(parts[2]);
                return salt.length >= 8 && hash.length >= 16 ? new Parsed(memory, passes, salt, hash) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
