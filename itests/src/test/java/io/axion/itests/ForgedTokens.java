package io.axion.itests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Bad tokens made from a good one, with Axion's own signing key where that makes the attack stronger: a token
 * that would pass if only the signature were checked must still fail for its expiry or its algorithm.
 */
final class ForgedTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URLD = Base64.getUrlDecoder();

    private final byte[] key;

    private ForgedTokens(byte[] key) {
        this.key = key;
    }

    /** With the key Axion made at first boot, read from its store. */
    static ForgedTokens withAxionsKey(BundleContext context) {
        ServiceReference<Store> reference = context.getServiceReference(Store.class);
        Store store = context.getService(reference);
        try {
            String stored = store.inTransaction(c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT secret FROM auth_signing_key");
                     ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            return new ForgedTokens(Base64.getDecoder().decode(stored));
        } finally {
            context.ungetService(reference);
        }
    }

    /** Validly signed, but expired a minute ago. */
    String expired(String good) {
        ObjectNode claims = claims(good);
        long now = System.currentTimeMillis() / 1000;
        claims.put("iat", now - 3600);
        claims.put("exp", now - 60);
        return sign("{\"alg\":\"HS256\"}", claims, "HmacSHA256");
    }

    /** The payload changed (another subject), the signature kept. */
    String tampered(String good, String subject) {
        String[] parts = good.split("\\.");
        ObjectNode claims = claims(good);
        claims.put("sub", subject);
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    /** The same claims, unsigned: {@code alg: none}. */
    String algNone(String good) {
        return URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + good.split("\\.")[1] + ".";
    }

    /** The same claims signed with Axion's key under HS512, an algorithm it does not use. */
    String foreignAlgorithm(String good) {
        return sign("{\"alg\":\"HS512\"}", claims(good), "HmacSHA512");
    }

    private String sign(String header, ObjectNode claims, String macAlgorithm) {
        String input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode claims(String token) {
        try {
            return (ObjectNode) JSON.readTree(URLD.decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(ObjectNode claims) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(claims));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
