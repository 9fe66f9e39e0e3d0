package io.axion.web.internal.jaxrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.axion.api.error.AxionException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into problem+json, so clients never see an HTML error page or a stack trace. */
public final class ProblemMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    public static Object[] all() {
        return new Object[] {new Axion(), new WebApplication(), new Json(), new Unhandled()};
    }

    /** Axion's own exceptions carry their status, type and detail. */
    public static final class Axion implements ExceptionMapper<AxionException> {
        @Override
        public Response toResponse(AxionException e) {
            Problem problem = new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.detail(), e.errors());
            Response.ResponseBuilder response = problem.toResponse();
            e.headers().forEach(response::header);
            return response.build();
        }
    }

    /** Jersey's own: unknown routes, wrong methods, unsupported media types, role refusals. */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                return Unhandled.log(e);
            }
            Response.ResponseBuilder response = Problem.of(status, slug(status),
                    original.getStatusInfo().getReasonPhrase(), detail(e, status)).toResponse();
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> response.header(name, v));
                }
            });
            return response.build();
        }

        private static String detail(WebApplicationException e, int status) {
            return switch (status) {
                case 404 -> "No such route or resource";
                case 405 -> "This route does not take that method";
                case 401 -> "Authentication required";
                case 403 -> "Your role does not allow this";
                default -> e.getMessage();
            };
        }

        public static String slug(int status) {
            return switch (status) {
                case 400 -> "bad-request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 409 -> "conflict";
                case 415 -> "unsupported-media-type";
                case 422 -> "validation";
                case 429 -> "too-many-requests";
                default -> "http-" + status;
            };
        }
    }

    /** A body that is not JSON is 400; JSON of the wrong shape names the field and is 422. */
    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                String field = fieldPath(mismatch);
                String message = "has the wrong type or shape";
                return new Problem(Problem.TYPE_BASE + "validation", "Invalid input", 422, field + ": " + message,
                        List.of(Map.of("field", field, "message", message))).toResponse().build();
            }
            return Problem.of(400, "unparseable-body", "Unparseable body",
                    "The body is not valid JSON: " + e.getOriginalMessage()).toResponse().build();
        }

        private static String fieldPath(JsonMappingException e) {
            return e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
    }

    /** Anything else is a bug: log it with an id the caller can quote, reveal nothing else. */
    public static final class Unhandled implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return log(e);
        }

        static Response log(Throwable e) {
            String id = UUID.randomUUID().toString();
            LOG.error("Unhandled error {}", id, e);
            return Problem.of(500, "internal-error", "Internal error",
                    "An unexpected error occurred; quote " + id + " when reporting it").toResponse().build();
        }
    }
}
