package io.emailengine.simulator.mailwizz;

/** The current state of one {@code mw_delivery_server} row. */
public record DeliveryServer(long serverId, Long customerId, String type, String name, String hostname, String virtualMta,
                             String status, long hourlyQuota, long dailyQuota, long monthlyQuota, Long warmupPlanId) {
}
