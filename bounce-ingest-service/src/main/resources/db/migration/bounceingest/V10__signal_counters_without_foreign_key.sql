-- The report job deletes the counter cells it reported, hundreds per statement, and the foreign key
-- from delivery_signal_counter ran a check per deleted cell (a query through the signals' primary
-- key from a trigger): 1.6 s of every million records ingested, more than the cells' inserts. The
-- store keeps the two tables consistent itself, in one transaction each time: a batch upserts a cell
-- before its signals (JdbcIngestStore.addCounts), the report job deletes the signals before their
-- cell (markReported).
DO $$
DECLARE
    name text;
BEGIN
    FOR name IN SELECT conname FROM pg_constraint
                WHERE conrelid = 'delivery_signal_counter'::regclass AND contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE delivery_signal_counter DROP CONSTRAINT %I', name);
    END LOOP;
END
$$;
