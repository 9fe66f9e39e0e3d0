package io.axion.auth.internal;

import io.axion.api.tenant.Membership;
import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code auth_tenant} and {@code auth_tenant_member}; every method runs in the caller's transaction. */
final class TenantRepository {
    private static final String COLUMNS = "name, cpu, memory_mib, disk_gib, instances, created_at_ms";

    private TenantRepository() {
    }

    static List<Tenant> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth_tenant ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Tenant> tenants = new ArrayList<>();
            while (rs.next()) {
                tenants.add(read(rs));
            }
            return tenants;
        }
    }

    static Optional<Tenant> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth_tenant WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, Tenant tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_tenant (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant.name());
            bindQuota(ps, 2, tenant.quota());
            ps.setLong(6, tenant.createdAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    static void updateQuota(Connection c, String name, TenantQuota quota) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE auth_tenant SET cpu = ?, memory_mib = ?, disk_gib = ?, instances = ? WHERE name = ?")) {
            bindQuota(ps, 1, quota);
            ps.setString(5, name);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, String name) throws SQLException {
        update(c, "DELETE FROM auth_tenant_member WHERE tenant = ?", name);
        update(c, "DELETE FROM auth_tenant WHERE name = ?", name);
    }

    static List<Membership> members(Connection c, String tenant) throws SQLException {
        return memberships(c, "SELECT tenant, username, role FROM auth_tenant_member WHERE tenant = ? "
                + "ORDER BY username", tenant);
    }

    static List<Membership> membershipsOf(Connection c, String username) throws SQLException {
        return memberships(c, "SELECT tenant, username, role FROM auth_tenant_member WHERE username = ? "
                + "ORDER BY tenant", username);
    }

    static void putMember(Connection c, String tenant, String username, String role) throws SQLException {
        update(c, "DELETE FROM auth_tenant_member WHERE tenant = ? AND username = ?", tenant, username);
        update(c, "INSERT INTO auth_tenant_member (tenant, username, role) VALUES (?, ?, ?)", tenant, username, role);
    }

    static int removeMember(Connection c, String tenant, String username) throws SQLException {
        return update(c, "DELETE FROM auth_tenant_member WHERE tenant = ? AND username = ?", tenant, username);
    }

    /** A deleted account leaves every tenant (a name made again starts with no memberships but default's). */
    static void forgetUser(Connection c, String username) throws SQLException {
        update(c, "DELETE FROM auth_tenant_member WHERE username = ?", username);
    }

    /**
     * Puts a new account in {@code default} with the tenant role of its global role, as the migration did for the
     * accounts that existed before tenants: so an installation that does not use tenants behaves as before.
     */
    static void joinDefault(Connection c, String username, String globalRole) throws SQLException {
        putMember(c, TenantService.DEFAULT, username, TenantRoles.forGlobalRole(globalRole));
    }

    /** Accounts that belong to no tenant (made by a node running before tenants existed) join {@code default}. */
    static int adoptOrphans(Connection c) throws SQLException {
        return update(c, "INSERT INTO auth_tenant_member (tenant, username, role) "
                + "SELECT 'default', username, CASE role WHEN 'admin' THEN 'tenant-admin' "
                + "WHEN 'operator' THEN 'operator' ELSE 'viewer' END FROM auth_user u "
                + "WHERE NOT EXISTS (SELECT 1 FROM auth_tenant_member m WHERE m.username = u.username)");
    }

    private static List<Membership> memberships(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                List<Membership> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return found;
            }
        }
    }

    private static void bindQuota(PreparedStatement ps, int first, TenantQuota quota) throws SQLException {
        bindLong(ps, first, quota.cpu() == null ? null : quota.cpu().longValue());
        bindLong(ps, first + 1, quota.memoryMiB());
        bindLong(ps, first + 2, quota.diskGiB());
        bindLong(ps, first + 3, quota.instances() == null ? null : quota.instances().longValue());
    }

    private static void bindLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Tenant read(ResultSet rs) throws SQLException {
        Long cpu = nullableLong(rs, 2);
        Long instances = nullableLong(rs, 5);
        return new Tenant(rs.getString(1), new TenantQuota(cpu == null ? null : cpu.intValue(), nullableLong(rs, 3),
                nullableLong(rs, 4), instances == null ? null : instances.intValue()),
                Instant.ofEpochMilli(rs.getLong(6)));
    }

    private static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : value;
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }
}
