-- The tenant a reservation counts for (null: made before tenants, counted against the global limits only), so that
-- a tenant's quota is checked against its instances and its pending reservations together.
ALTER TABLE quota_reservations ADD COLUMN tenant TEXT;
