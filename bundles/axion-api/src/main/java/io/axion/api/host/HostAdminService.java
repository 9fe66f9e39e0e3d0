package io.axion.api.host;

import org.osgi.annotation.versioning.ProviderType;

/** Adding and removing hosts (admins: {@code POST /api/v1/hosts}, {@code DELETE /api/v1/hosts/{name}}). */
@ProviderType
public interface HostAdminService {

    /**
     * Adds a host; a live node takes it over within seconds.
     *
     * @throws io.axion.api.error.ValidationException (422) for a bad name or endpoint
     * @throws io.axion.api.error.ConflictException   (409) when the name or the endpoint is taken
     */
    Host add(HostSpec spec);

    /**
     * Removes a host that has no instances.
     *
     * @throws io.axion.api.error.NotFoundException when there is no such host
     * @throws io.axion.api.error.ConflictException (409) while instances live on it
     */
    void remove(String name);
}
