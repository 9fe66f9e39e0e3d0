package io.axion.web.internal.jaxrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details, the body of every error Axion answers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Map<String, String>> errors) {
    public static final String TYPE_BASE = "https://axion.dev/problems/";
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.of());
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
