package io.axion.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.web.internal.jaxrs.Problem;
import io.axion.web.internal.jaxrs.ProblemMappers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself (a malformed request line or path, headers too large, a failure outside Jersey)
 * in the API's shape: {@code application/problem+json} with the security headers, instead of an HTML page. A 5xx
 * says nothing of its cause. This one serves the server (requests refused before any context); {@link ForServlets}
 * the servlet context.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = Problem.MEDIA_TYPE.toString();

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
        return answer(request, response, callback, code, message);
    }

    /** Jetty writes an error body only for GET, POST and HEAD; the API answers every method with its problem. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Requests Jetty refuses while parsing them (431, a broken request line). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        BaselineHeaders.apply(fields, false);
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        return ByteBuffer.wrap(problem(status, reason));
    }

    /** The same answers inside the servlet context, whose error handling is the servlet API's. */
    static final class ForServlets extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return answer(request, response, callback, code, message);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }
    }

    static boolean answer(Request request, Response response, Callback callback, int code, String message) {
        BaselineHeaders.apply(response.getHeaders(), request.isSecure());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(problem(code, message)), callback);
        return true;
    }

    /** The API's problem for a status Jetty chose, with its slugs (ProblemMappers); a 5xx keeps its cause to itself. */
    static byte[] problem(int status, String message) {
        String title = HttpStatus.getMessage(status);
        Problem problem = status >= 500 ? Problem.of(status, "internal-error", "Internal error", "Internal error")
                : Problem.of(status, ProblemMappers.WebApplication.slug(status), title,
                        message == null || message.isBlank() ? title : message);
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
