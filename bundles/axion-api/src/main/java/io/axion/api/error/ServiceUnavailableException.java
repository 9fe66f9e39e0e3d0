package io.axion.api.error;

/** 503: a dependency (LXD, the cluster) cannot be reached right now; the caller may try again later. */
public class ServiceUnavailableException extends AxionException {
    public ServiceUnavailableException(String slug, String detail, Throwable cause) {
        super(503, slug, "Service unavailable", detail, null, cause);
    }
}
