package io.emailengine.events;

/** How many messages one IP may send to one provider. */
public record ProviderQuota(long daily, long hourly) {

    public ProviderQuota {
        Fields.nonNegative(daily, "ProviderQuota.daily");
        Fields.nonNegative(hourly, "ProviderQuota.hourly");
    }
}
