package io.emailengine.bounceingest.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;

/**
 * Who sent a message, learnt from an attributed record carrying its Message-ID.
 *
 * @param vmta null when the record named none
 */
public record MessageOrigin(TenantId tenant, SendingIp ip, VirtualMtaName vmta) {

    IpOwner owner() {
        return new IpOwner(ip, tenant, vmta, null);
    }
}
