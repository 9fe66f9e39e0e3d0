package io.axion.web.internal.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether the server speaks HTTPS. Off the loopback interface Axion serves HTTPS unless plain HTTP is explicitly
 * allowed: it runs as root over the host's containers, and a token sent in clear text is the whole host.
 */
public final class TransportPolicy {

    private TransportPolicy() {
    }

    /**
     * @param host           the address to listen on ({@code 0.0.0.0} and {@code ::} are every interface)
     * @param tls            {@code auto} (HTTPS off loopback or with a keystore), {@code always}
     * @param allowPlainHttp whether plain HTTP is allowed off loopback
     * @param keystore       a configured keystore path, or empty
     */
    public static boolean https(String host, String tls, boolean allowPlainHttp, String keystore) {
        if ("always".equalsIgnoreCase(tls) || (keystore != null && !keystore.isBlank())) {
            return true;
        }
        return !isLoopback(host) && !allowPlainHttp;
    }

    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false; // every interface
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // unknown means not provably loopback: the safe side
        }
    }
}
