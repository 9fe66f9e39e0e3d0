package io.axion.itests;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Malformed bodies, headers, paths and queries for every route, from a fixed seed so that a failure can be replayed.
 * A request Java's HTTP client refuses to send (a header it forbids) is skipped, not counted.
 */
final class AuthFuzz {
    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private static final String[] BODIES = {
        "", "{", "}", "[]", "null", "0", "-1", "\"text\"", "true", "{\"username\":", "{,}", "{\"a\":1,}",
        "{\"username\":123,\"password\":[],\"role\":{}}", "{\"username\":null,\"password\":null}",
        "{\"username\":\"admin\",\"password\":{\"$gt\":\"\"}}", "{\"username\":\"' OR 1=1 --\",\"password\":\"x\"}",
        "{\"currentPassword\":7,\"newPassword\":false}", "{\"cpu\":-1,\"memoryMiB\":1e309,\"name\":\"../../etc\"}",
        "{\"name\":\"\\u0000\",\"image\":\"\\ud800\"}", "{\"hostPort\":99999999999999999999,\"protocol\":\"icmp\"}",
        "{\"role\":\"root\",\"username\":\"Root User\",\"password\":\"short\"}", "\u0000\u0001\u0002", "\ufeff{}",
        "<xml/>", "a=b&c=d", "{\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
        "{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"b\"}", "{\"limit\":\"" + "9".repeat(400) + "\"}"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json", "text/plain", "application/xml", "application/json; charset=ebcdic",
        "application/json; charset=utf-16", "multipart/form-data; boundary=", "*/*", "application/",
        "application/x-www-form-urlencoded", "garbage", "application/json;;;", "application/problem+json"
    };
    private static final String[] AUTHORIZATIONS = {
        "Bearer", "Bearer ", "bearer x.y.z", "Basic YWRtaW46YWRtaW4=", "Bearer ....", "Bearer a.b",
        "Bearer eyJhbGciOiJub25lIn0.e30.", "Token abc", "Bearer " + "A".repeat(9000), "Bearer \u00e9\u00e8",
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.AAAA", "Negotiate xyz", ","
    };
    private static final String[] SEGMENTS = {
        "..", "%2e%2e", "%00", "admin%00", "ADMIN", "a".repeat(300), "%C3%A9", "x%2Fy", "%3B", "%20admin",
        "%7B%7D", "%25", "-", "0", "x0.json", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "%FF%FE"
    };
    private static final String[] QUERIES = {
        "?limit=-1", "?limit=abc", "?limit=99999999999999999999", "?limit=", "?user=%00", "?user=" + "u".repeat(2000),
        "?force=maybe", "?path=..%2F..", "?ticket=x", "?state=NOPE", "?instance=%FF", "?a=1&a=2&limit=1&limit=x"
    };
    private static final String[] HEADER_NAMES = {"Accept", "X-Forwarded-For", "Origin", "Cookie", "Range",
        "If-Match", "Accept-Encoding", "Accept-Language", "X-HTTP-Method-Override", "Forwarded"};

    private final Function<Request, HttpResponse<String>> sender;
    private final Random random;

    AuthFuzz(Function<Request, HttpResponse<String>> sender, long seed) {
        this.sender = sender;
        this.random = new Random(seed);
    }

    /** Sends about {@code total} requests; returns what answered 5xx or broke the connection. */
    List<String> run(List<AuthIT.Operation> operations, String token, int total) {
        List<String> failures = new ArrayList<>();
        int each = Math.max(1, total / operations.size());
        for (AuthIT.Operation op : operations) {
            for (int i = 0; i < each; i++) {
                Request request = mutate(op, token, i);
                try {
                    int status = sendOnce(request, true);
                    if (status >= 500) {
                        failures.add(status + " " + describe(request));
                    }
                } catch (IllegalArgumentException refusedByTheClient) {
                    // not sendable by java.net.http: nothing reached Axion
                } catch (UncheckedIOException e) {
                    failures.add("connection broke: " + describe(request) + ": " + e.getCause());
                }
            }
        }
        return failures;
    }

    /**
     * A kept-alive connection that the server closed after the previous answer (it does when it answered before
     * reading a body) breaks the next request on it before any byte is sent: that one is tried once more.
     */
    private int sendOnce(Request request, boolean retry) {
        try {
            return sender.apply(request).statusCode();
        } catch (UncheckedIOException e) {
            if (retry && String.valueOf(e.getCause()).contains("received no bytes")) {
                return sendOnce(request, false);
            }
            throw e;
        }
    }

    private Request mutate(AuthIT.Operation op, String token, int round) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        String path = op.concretePath();
        String body = op.method().equals("GET") ? null : "{}";
        switch (round % 6) {
            case 0 -> body = pick(BODIES);
            case 1 -> {
                headers.put("Content-Type", pick(CONTENT_TYPES));
                body = pick(BODIES);
            }
            case 2 -> headers.put("Authorization", pick(AUTHORIZATIONS));
            case 3 -> path = op.path().contains("{") ? op.path().replaceAll("\\{[^}]+}", pick(SEGMENTS))
                    : path + "/" + pick(SEGMENTS);
            case 4 -> path = path + pick(QUERIES);
            default -> {
                headers.put(pick(HEADER_NAMES), "x" + pick(SEGMENTS));
                headers.remove("Content-Type");
                body = pick(BODIES);
            }
        }
        return new Request(op.method(), path, headers, body);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String describe(Request r) {
        String body = r.body() == null ? "" : r.body().length() > 60 ? r.body().substring(0, 60) + "..." : r.body();
        String path = r.path().length() > 100 ? r.path().substring(0, 100) + "..." : r.path();
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.computeIfPresent("Authorization", (k, v) -> v.length() > 40 ? v.substring(0, 40) + "..." : v);
        return r.method() + " " + path + " " + headers + " " + body;
    }
}
