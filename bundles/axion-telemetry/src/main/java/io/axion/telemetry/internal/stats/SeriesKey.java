package io.axion.telemetry.internal.stats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a series describes: an instance, a host, or one tenant's share of a host, by name. Its row key is the first
 * 8 bytes of the SHA-256 of kind and name, so every node derives the same key without a sequence or a lookup (rule of the store: no
 * AUTOINCREMENT), and a bucket row carries 8 bytes of key instead of a name.
 */
public record SeriesKey(Kind kind, String name) {

    public enum Kind {
        INSTANCE, HOST, TENANT_ON_HOST;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static SeriesKey instance(String name) {
        return new SeriesKey(Kind.INSTANCE, name);
    }

    public static SeriesKey host(String name) {
        return new SeriesKey(Kind.HOST, name);
    }

    /** The sums of one tenant's instances on one host, named {@code tenant/host} (a tenant name has no slash). */
    public static SeriesKey tenantOnHost(String tenant, String host) {
        return new SeriesKey(Kind.TENANT_ON_HOST, tenant + "/" + host);
    }

    public long id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((kind.column() + "\u0000" + name).getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = (id << 8) | (hash[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
