package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first admin when no user exists: with {@code AXION_ADMIN_PASSWORD} when the operator set it, else
 * with a random password that is logged once and written to {@code <data>/initial-admin-password} (mode 600).
 * There is never a fixed default.
 */
final class FirstAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    static final String USERNAME = "admin";
    static final String FILE_NAME = "initial-admin-password";
    static final String ENV = "AXION_ADMIN_PASSWORD";
    // No look-alike characters (0/O, 1/l/I): the password may be typed from the log.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 20;

    private FirstAdmin() {
    }

    /** @return true when it created the admin */
    static boolean ensure(UserDirectory users, Path dataDir, String envPassword, int minPasswordLength) {
        if (!users.isEmpty()) {
            return false;
        }
        if (envPassword != null && !envPassword.isBlank()) {
            if (envPassword.length() < minPasswordLength) {
                LOG.warn("{} is shorter than {} characters; change the admin's password soon", ENV,
                        minPasswordLength);
            }
            if (!createdHere(users, USERNAME, envPassword, dataDir)) {
                return false;
            }
            LOG.info("No user existed: created '{}' with the password from {}", USERNAME, ENV);
            return true;
        }
        String password = randomPassword();
        Path file = dataDir.resolve(FILE_NAME);
        // A file left from an earlier database is stale; the new password goes to disk before the account exists,
        // so a crash in between leaves no account whose password nobody knows.
        forget(dataDir);
        SecretFiles.createIfAbsent(file, password + "\n");
        if (!createdHere(users, USERNAME, password, dataDir)) {
            return false;
        }
        // Logged once, on purpose: the operator needs it to log in for the first time.
        LOG.warn("No user existed: created '{}' with the random password {} (also in {}, readable by its owner "
                + "only). Change it with POST /api/v1/auth/password.", USERNAME, password, file);
        return true;
    }

    /** False when another node of the cluster, booting at the same time, created the admin first. */
    private static boolean createdHere(UserDirectory users, String username, String password, Path dataDir) {
        try {
            users.createUnchecked(username, password, Roles.ADMIN);
            return true;
        } catch (ConflictException e) {
            forget(dataDir);
            LOG.info("Another node created '{}' first; its password is in that node's log", username);
            return false;
        }
    }

    /** Deletes the initial password file (once the admin chose a password of their own). */
    static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dataDir.resolve(FILE_NAME), e);
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
