-- The root disk a reservation holds, GiB (0 for reservations made before disk was counted: those count with what
-- LXD shows of their instance), so that a tenant's diskGiB quota is checked against pending creates too.
ALTER TABLE quota_reservations ADD COLUMN disk_gib BIGINT NOT NULL DEFAULT 0;
