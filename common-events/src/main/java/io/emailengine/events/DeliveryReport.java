package io.emailengine.events;

import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;

import java.time.Instant;
import java.util.Map;

/**
 * Outcome counts of one IP towards one provider over one window. Warmup rules need these as
 * denominators: a bounce rate is meaningless without knowing how much was delivered.
 * {@code signals} counts provider reputation signals (e.g. {@code gmail-421-4.7.28}) seen in the window.
 */
public record DeliveryReport(
        SendingIp ip,
        @OptionalField VirtualMtaName vmta,
        Provider provider,
        Instant windowStart,
        Instant windowEnd,
        long delivered,
        long hardBounces,
        long softBounces,
        long deferrals,
        long complaints,
        Map<String, Long> signals) implements EventPayload {

    public DeliveryReport {
        Fields.required(ip, "DeliveryReport.ip");
        Fields.required(provider, "DeliveryReport.provider");
        Fields.required(windowStart, "DeliveryReport.windowStart");
        Fields.required(windowEnd, "DeliveryReport.windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("DeliveryReport.windowEnd must be after windowStart, was "
                    + windowStart + " .. " + windowEnd);
        }
        Fields.nonNegative(delivered, "DeliveryReport.delivered");
        Fields.nonNegative(hardBounces, "DeliveryReport.hardBounces");
        Fields.nonNegative(softBounces, "DeliveryReport.softBounces");
        Fields.nonNegative(deferrals, "DeliveryReport.deferrals");
        Fields.nonNegative(complaints, "DeliveryReport.complaints");
        signals = Fields.sortedCopy(signals, "DeliveryReport.signals");
        signals.forEach((code, count) -> {
            Fields.matching(code, Fields.CODE, "DeliveryReport.signals key");
            Fields.nonNegative(count, "DeliveryReport.signals." + code);
        });
    }

    @Override
    public String partitionKey() {
        return ip.value();
    }
}
