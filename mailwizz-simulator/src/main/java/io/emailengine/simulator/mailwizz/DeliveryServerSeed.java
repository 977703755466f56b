package io.emailengine.simulator.mailwizz;

/**
 * A row of {@code mw_delivery_server} created at start: type {@code smtp-pmta}, status {@code active},
 * the additional header {@code X-Virtual-MTA: <virtualMta>} in its serialized {@code meta_data}.
 *
 * @param customerId   owning customer, or null for a server shared by all customers (not listed by the API)
 * @param name         MailWizz's display name (the gateway's discovery matches {@code name} or {@code hostname}
 *                     against a sending IP or virtual MTA name)
 * @param virtualMta   value of the {@code X-Virtual-MTA} additional header, or null for none
 * @param warmupPlanId MailWizz's own warmup plan, null = none (a server with a plan is not the gateway's to write)
 */
public record DeliveryServerSeed(long serverId, Long customerId, String name, String hostname, String virtualMta,
                                 long hourlyQuota, long dailyQuota, Long warmupPlanId) {

    public DeliveryServerSeed {
        if (serverId <= 0) {
            throw new IllegalArgumentException("serverId must be positive");
        }
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("hostname is required (MailWizz's column is NOT NULL)");
        }
        if (hourlyQuota < 0 || dailyQuota < 0) {
            throw new IllegalArgumentException("quotas must be >= 0 (0 = unlimited)");
        }
    }

    public DeliveryServerSeed(long serverId, Long customerId, String name, String hostname, String virtualMta, long hourlyQuota,
                              long dailyQuota) {
        this(serverId, customerId, name, hostname, virtualMta, hourlyQuota, dailyQuota, null);
    }

    public DeliveryServerSeed withWarmupPlan(Long planId) {
        return new DeliveryServerSeed(serverId, customerId, name, hostname, virtualMta, hourlyQuota, dailyQuota, planId);
    }
}
