package io.axion.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Axion auth", description = "Users, tokens, login throttling and the audit log")
public @interface AuthConfig {

    @AttributeDefinition(description = "How long a login token stays valid, in seconds (24 h)")
    long tokenTtlSeconds() default 86_400;

    @AttributeDefinition(description = "How long a WebSocket ticket stays valid, in seconds")
    long ticketTtlSeconds() default 30;

    @AttributeDefinition(description = "Argon2id memory per hash, in KiB (OWASP: 19456)")
    int argon2MemoryKiB() default 19_456;

    @AttributeDefinition(description = "Argon2id passes over the memory")
    int argon2Iterations() default 2;

    @AttributeDefinition(description = "Hashes computed at once; more wait (bounds memory under a login flood)")
    int concurrentHashes() default 2;

    @AttributeDefinition(description = "Shortest password accepted for a new user or a password change")
    int minPasswordLength() default 10;

    @AttributeDefinition(description = "Consecutive failed logins of one username before it is locked for a while")
    int maxFailuresPerUser() default 10;

    @AttributeDefinition(description = "Consecutive failed logins from one address before it is locked for a while")
    int maxFailuresPerAddress() default 10;

    @AttributeDefinition(description = "Failures after which each further failed answer is delayed")
    int slowdownAfterFailures() default 3;

    @AttributeDefinition(description = "Added delay per failure past slowdownAfterFailures, in milliseconds")
    long slowdownStepMs() default 200;

    @AttributeDefinition(description = "Longest delay of a failed answer, in milliseconds")
    long slowdownMaxMs() default 1_500;

    @AttributeDefinition(description = "First lock after too many failures, in seconds; it doubles for each further lock")
    long lockoutSeconds() default 30;

    @AttributeDefinition(description = "Longest lock, in seconds")
    long maxLockoutSeconds() default 900;

    @AttributeDefinition(description = "Roles that must log in with a TOTP code, comma separated (admin, operator, "
            + "viewer); empty: two-factor login is each user's choice. A user of such a role who has not enrolled "
            + "is answered 401 totp-enrolment-required and enrols with the password through /auth/login/totp/*")
    String totpRequiredRoles() default "";

    @AttributeDefinition(description = "The issuer authenticator apps show next to the account name")
    String totpIssuer() default "Axion";

    @AttributeDefinition(description = "Whether the tenants' cpu and memory quotas may together pass the global "
            + "ceiling (GET /api/v1/quota); off, a tenant quota that would make them pass it is refused with 422")
    boolean tenantQuotaOvercommit() default false;

    @AttributeDefinition(description = "Audit entries older than this many days are deleted")
    int auditRetentionDays() default 90;

    @AttributeDefinition(description = "Audit entries kept at most; the oldest go first")
    long auditMaxEntries() default 1_000_000;
}
