package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(64, 1, 2);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void writesArgon2idInThePhcFormatWithAFreshSaltEachTime() {
        String a = hasher.hash("same password");
        String b = hasher.hash("same password");
        assertThat(a).startsWith("$argon2id$v=19$m=64,t=1,p=1$").isNotEqualTo(b);
        assertThat(a.split("\\$")).hasSize(6);
    }

    @Test
    void defaultParametersAreTheOwaspOnesAndStillVerify() {
        PasswordHasher owasp = new PasswordHasher(19_456, 2, 1);
        String hash = owasp.hash("a long enough password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(owasp.verify("a long enough password", hash)).isTrue();
        // Hashes keep their own parameters: a hasher with others still checks them, and asks for a re-hash.
        assertThat(hasher.verify("a long enough password", hash)).isTrue();
        assertThat(hasher.needsRehash(hash)).isTrue();
        assertThat(owasp.needsRehash(hash)).isFalse();
    }

    @Test
    void aMalformedOrTamperedHashNeverMatchesAndNeverThrows() {
        String good = hasher.hash("password one");
        assertThat(hasher.verify("password one", null)).isFalse();
        assertThat(hasher.verify("password one", "")).isFalse();
        assertThat(hasher.verify("password one", "$2a$10$bcryptbcryptbcryptbcryptbcrypt")).isFalse();
        assertThat(hasher.verify("password one", good.replace("m=64", "m=99999999"))).isFalse();
        assertThat(hasher.verify("password one", good.replace("p=1", "p=4"))).isFalse();
        assertThat(hasher.verify("password one", good.replace("t=1", "t=x"))).isFalse();
        assertThat(hasher.verify("password one", good.substring(0, good.lastIndexOf('$')) + "$!!!")).isFalse();
        assertThat(hasher.verify("password one", good + "$extra")).isFalse();
    }

    @Test
    void countsEachHashComputed() {
        long before = hasher.derivations();
        String hash = hasher.hash("password two");
        hasher.verify("password two", hash);
        hasher.verify("password two", "garbage");
        assertThat(hasher.derivations() - before).isEqualTo(2);
    }
}
