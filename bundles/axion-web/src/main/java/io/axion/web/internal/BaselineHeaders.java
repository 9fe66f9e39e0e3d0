package io.axion.web.internal;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The security headers of every answer, whoever writes it: Jersey's routes, the console, a refused WebSocket
 * upgrade or Jetty's own error answers. The strictest content policy by default; the console's pages relax it
 * (Jersey's {@code SecurityHeaders}).
 */
final class BaselineHeaders extends Handler.Wrapper {
    static final String STRICT_CSP = "default-src 'none'; frame-ancestors 'none'";

    BaselineHeaders(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        apply(response.getHeaders(), request.isSecure());
        return super.handle(request, response, callback);
    }

    static void apply(HttpFields.Mutable headers, boolean secure) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", STRICT_CSP);
        if (secure) {
            // Served over HTTPS: browsers must not fall back to plain HTTP for a year.
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
