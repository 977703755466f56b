package io.emailengine.bounceingest.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;

/** Who a sending IP belongs to, as learnt from the inventory events. */
public record IpOwner(SendingIp ip, TenantId tenant, VirtualMtaName vmta, String pool) {
}
