package io.emailengine.events;

import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;

import java.util.Map;
import java.util.UUID;

/** The allowed volume of one IP changed, per provider and in total, and why. */
public record QuotaChanged(
        SendingIp ip,
        VirtualMtaName vmta,
        Map<Provider, ProviderQuota> providers,
        long totalDaily,
        long totalHourly,
        int stage,
        int warmupDay,
        String reason,
        UUID decisionId) implements EventPayload {

    public QuotaChanged {
        Fields.required(ip, "QuotaChanged.ip");
        Fields.required(vmta, "QuotaChanged.vmta");
        providers = Fields.sortedCopy(providers, "QuotaChanged.providers");
        Fields.nonNegative(totalDaily, "QuotaChanged.totalDaily");
        Fields.nonNegative(totalHourly, "QuotaChanged.totalHourly");
        Fields.atLeast(stage, 0, "QuotaChanged.stage");
        Fields.atLeast(warmupDay, 0, "QuotaChanged.warmupDay");
        Fields.requiredText(reason, "QuotaChanged.reason");
        Fields.required(decisionId, "QuotaChanged.decisionId");
    }

    @Override
    public String partitionKey() {
        return ip.value();
    }
}
