package io.emailengine.mailwizz.domain;

/**
 * The rule for writing a desired quota over a delivery server's current one: never fight a MailWizz
 * warmup plan (its hourly cron would overwrite us and we it), write only when different, so that
 * re-applying the same change is a no-op.
 */
public enum QuotaWrite {
    /** The server already has exactly these quotas. */
    UNCHANGED,
    /** The server's quotas differ and it is ours to manage: write both columns. */
    WRITE,
    /** A MailWizz warmup plan manages the server: leave it alone and tell an operator. */
    WARMUP_CONFLICT,
    /** No such delivery server row. */
    SERVER_MISSING;

    /**
     * The quota MailWizz is given for a desired one. MailWizz reads 0 as "unlimited", so "send nothing" (every
     * provider of the IP paused) cannot be written as 0: it becomes 1, the smallest limit MailWizz can express
     * (PowerMTA holds that IP's queues at 0/h meanwhile).
     */
    public static long expressible(long desired) {
        return desired <= 0 ? 1 : desired;
    }

    public static QuotaWrite decide(DeliveryServerQuota current, long desiredHourly, long desiredDaily) {
        if (current == null) {
            return SERVER_MISSING;
        }
        if (current.hasWarmupPlan()) {
            return WARMUP_CONFLICT;
        }
        return current.matches(desiredHourly, desiredDaily) ? UNCHANGED : WRITE;
    }
}
