package io.axion.web.internal;

import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Requests nothing behind could answer properly: a {@code Content-Type} that is no media type makes Jersey give up
 * before any resource or exception mapper sees the request, with an empty 400; a path parameter ({@code ;}) makes it
 * answer another route. They are refused here, first, as the problem the API answers everything with.
 */
final class MalformedRequests extends Handler.Wrapper {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile("[ \\t]*" + TOKEN + "/" + TOKEN
            + "([ \\t]*;[ \\t]*" + TOKEN + "=(" + TOKEN + "|\"([^\"\\\\]|\\\\.)*\"))*[ \\t]*");

    MalformedRequests(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null && !isMediaType(contentType)) {
            response.setStatus(400);
            return ProblemErrorHandler.answer(request, response, callback, 400,
                    "The Content-Type header is no media type (type/subtype)");
        }
        if (request.getHttpURI().getPath() != null && request.getHttpURI().getPath().indexOf(';') >= 0) {
            // Path parameters: Jersey drops ";..." from a segment, so /tenants/; would answer as /tenants (the list).
            // No Axion route takes them, and a name with ';' in it is sent encoded (%3B), as data.
            response.setStatus(400);
            return ProblemErrorHandler.answer(request, response, callback, 400,
                    "The path has a path parameter (';'): encode a ';' that is part of a name as %3B");
        }
        return super.handle(request, response, callback);
    }

    /** RFC 9110's {@code type "/" subtype *( OWS ";" OWS parameter )}, parameters as {@code token=value}. */
    static boolean isMediaType(String value) {
        return MEDIA_TYPE.matcher(value).matches();
    }
}
