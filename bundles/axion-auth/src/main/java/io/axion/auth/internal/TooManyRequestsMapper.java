package io.axion.auth.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.TooManyRequestsException;
import io.axion.api.web.RestProvider;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * 429 as problem details with {@code Retry-After}. It is more specific than the web bundle's mapper of every
 * {@code AxionException}, so JAX-RS picks it for this one type.
 */
@Component(service = RestProvider.class)
public class TooManyRequestsMapper implements ExceptionMapper<TooManyRequestsException>, RestProvider {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response toResponse(TooManyRequestsException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://axion.dev/problems/" + e.slug());
        problem.put("title", e.title());
        problem.put("status", e.status());
        problem.put("detail", e.detail());
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            body = "{\"status\":429}";
        }
        return Response.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .type(PROBLEM_JSON)
                .entity(body)
                .build();
    }
}
