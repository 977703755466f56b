-- An immediate signal reaction reads one IP x provider's signals of the last window (bucket_start >= now - window).
-- With bucket_start after signal_code and source in the key, PostgreSQL walked every row that IP x provider ever had;
-- with bucket_start right after the IP x provider it reads only the window. The upsert's conflict target names the
-- same columns, so the reordered key still arbitrates it, and no third index has to be kept up to date in a burst.
ALTER TABLE provider_signal
    DROP CONSTRAINT provider_signal_pkey,
    ADD CONSTRAINT provider_signal_pkey PRIMARY KEY (tenant_id, ip, provider, bucket_start, signal_code, source);

-- The retention purge deletes the oldest hours first (email-engine.warmup.retention.delivery-hours); provider_signal
-- already has provider_signal_bucket for its purge and for the tick.
CREATE INDEX delivery_hour_age ON delivery_hour (hour_start);

-- Nothing ever read the five-minute windows (the tick reads delivery_hour), so they are no longer written. The table
-- stays while replicas of the previous version may still write to it during a rolling deployment.
COMMENT ON TABLE delivery_window IS 'No longer written (nothing read it; the rules read delivery_hour); to be dropped.';
