-- Healthy sending days completed at the current stage: at high volume a stage is held for several
-- sending days before promotion (email-engine.warmup.rules.high-volume-hold-days).
ALTER TABLE warmup_state ADD COLUMN healthy_days_at_stage INT NOT NULL DEFAULT 0;
