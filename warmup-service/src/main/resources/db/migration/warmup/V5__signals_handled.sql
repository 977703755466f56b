-- Provider signals already reacted to, per IP x provider and severity level: {"CUT": "2026-11-20T09:00:00Z", ...}.
-- Signals of a rule at that level logged before the instant count neither at the tick nor in an immediate
-- reaction to a BounceReceived, so one burst is reacted to once.
ALTER TABLE warmup_state ADD COLUMN signals_handled JSONB NOT NULL DEFAULT '{}';
