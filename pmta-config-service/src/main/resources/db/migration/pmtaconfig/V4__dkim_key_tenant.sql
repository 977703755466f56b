-- The tenant a DKIM key was generated for (optional: keys of shared domains have none); carried as
-- the tenantId of the DkimKeyPublished events.
ALTER TABLE dkim_key ADD COLUMN tenant_id VARCHAR(63);
