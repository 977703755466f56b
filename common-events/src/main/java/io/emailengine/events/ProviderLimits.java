package io.emailengine.events;

import io.emailengine.events.types.MessageRate;

/**
 * PowerMTA limits for one provider inside one virtual MTA. Connection limits start at 1: stopping
 * a provider is expressed by {@link PmtaConfigRequested#pausedProviders()}, not by a zero here.
 */
public record ProviderLimits(MessageRate maxMsgRate, int maxSmtpOut, int maxMsgPerConnection) {

    public ProviderLimits {
        Fields.required(maxMsgRate, "ProviderLimits.maxMsgRate");
        Fields.atLeast(maxSmtpOut, 1, "ProviderLimits.maxSmtpOut");
        Fields.atLeast(maxMsgPerConnection, 1, "ProviderLimits.maxMsgPerConnection");
    }
}
