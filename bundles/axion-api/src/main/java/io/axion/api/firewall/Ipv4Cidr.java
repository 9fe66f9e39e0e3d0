package io.axion.api.firewall;

import io.axion.api.error.ValidationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv4 addresses and CIDRs as firewall rules and port forwards take them (Axion's bridge carries no IPv6). */
public final class Ipv4Cidr {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");

    private Ipv4Cidr() {
    }

    /**
     * The canonical CIDR of an address ({@code /32}) or a CIDR, host bits cleared ({@code 10.1.2.3/8} is
     * {@code 10.0.0.0/8}): nft refuses a prefix with host bits set.
     *
     * @throws ValidationException naming {@code field} for anything else
     */
    public static String canonical(String field, String text) {
        Matcher m = text == null ? null : IPV4.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new ValidationException(field, "must be an IPv4 address or CIDR, such as 10.147.0.23 or 10.0.0.0/8");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new ValidationException(field, "each part of an address is 0-255");
            }
            address = (address << 8) | octet;
        }
        int prefix = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new ValidationException(field, "the prefix length is 0-32");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        long network = address & mask;
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
