package io.axion.quota.internal;

import io.axion.api.tenant.TenantQuota;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's quota checked the way the global one is: an instance counts with the larger of its figures in LXD and
 * its pending reservation, and the instances counted are those either side puts in the tenant, so a create that is
 * admitted but not yet in LXD counts at once. Run under the governor's lock, with the request's own reservation as
 * the instance's new figure. Root disk counts the same way: an instance's size as LXD has it, or the governor's
 * {@code defaultDiskGiB} when its disk takes the pool's default.
 */
final class TenantAllowance {
    private TenantAllowance() {
    }

    /**
     * Null when the request fits the tenant's quota; else a sentence naming what is short.
     *
     * @param actualTenants   the tenant of every instance LXD has, by name
     * @param reservedTenants the tenant of every reservation in force, by name
     */
    static String shortfall(String tenant, TenantQuota quota, String instance, Amounts request,
                            Map<String, Amounts> actual, Map<String, Amounts> reserved,
                            Map<String, String> actualTenants, Map<String, String> reservedTenants) {
        Set<String> members = new HashSet<>();
        actualTenants.forEach((name, owner) -> {
            if (tenant.equals(owner)) {
                members.add(name);
            }
        });
        reservedTenants.forEach((name, owner) -> {
            if (tenant.equals(owner) && reserved.containsKey(name)) {
                members.add(name);
            }
        });
        members.add(instance);
        long cpu = 0;
        long memory = 0;
        long disk = 0;
        for (String name : members) {
            Amounts counted = name.equals(instance)
                    ? actual.getOrDefault(name, Amounts.ZERO).max(request)
                    : Allocation.of(name, actual, reserved);
            cpu += counted.cpu();
            memory += counted.memoryMiB();
            disk += counted.diskGiB();
        }
        StringBuilder detail = new StringBuilder();
        if (quota.instances() != null && members.size() > quota.instances()) {
            detail.append("instances: ").append(members.size()).append(" needed of a quota of ")
                    .append(quota.instances());
        }
        if (quota.cpu() != null && cpu > quota.cpu()) {
            append(detail, "cpu: " + cpu + " core(s) needed of a quota of " + quota.cpu());
        }
        if (quota.memoryMiB() != null && memory > quota.memoryMiB()) {
            append(detail, "memoryMiB: " + memory + " MiB needed of a quota of " + quota.memoryMiB());
        }
        if (quota.diskGiB() != null && disk > quota.diskGiB()) {
            append(detail, "diskGiB: " + disk + " GiB needed of a quota of " + quota.diskGiB());
        }
        return detail.isEmpty() ? null : "tenant " + tenant + ": " + detail;
    }

    private static void append(StringBuilder detail, String part) {
        if (!detail.isEmpty()) {
            detail.append("; ");
        }
        detail.append(part);
    }
}
