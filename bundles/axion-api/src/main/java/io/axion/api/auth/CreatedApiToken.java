package io.axion.api.auth;

/** A token just made, with its secret ({@code axn_<prefix>_<secret>}), which is shown this once and never again. */
public record CreatedApiToken(ApiToken token, String secret) {
}
