package io.emailengine.mailwizz.domain;

/**
 * The quota columns of one MailWizz delivery server as they are in MailWizz's database.
 *
 * @param warmupPlanId MailWizz's own warmup plan, or null; a server with a plan is MailWizz's to manage
 */
public record DeliveryServerQuota(long serverId, long hourlyQuota, long dailyQuota, Long warmupPlanId) {

    public boolean hasWarmupPlan() {
        return warmupPlanId != null;
    }

    public boolean matches(long hourly, long daily) {
        return hourlyQuota == hourly && dailyQuota == daily;
    }
}
