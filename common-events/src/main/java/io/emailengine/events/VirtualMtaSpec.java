package io.emailengine.events;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;

/**
 * Desired identity of one PowerMTA virtual MTA. Every text field ends up in a config line, so
 * each is whitelisted here rather than trusted downstream.
 */
public record VirtualMtaSpec(
        VirtualMtaName name,
        SendingIp ip,
        String heloHostname,
        String sendingDomain,
        String dkimSelector,
        @OptionalField String pool) {

    public VirtualMtaSpec {
        Fields.required(name, "VirtualMtaSpec.name");
        Fields.required(ip, "VirtualMtaSpec.ip");
        Fields.matching(heloHostname, Fields.HOSTNAME, "VirtualMtaSpec.heloHostname");
        Fields.matching(sendingDomain, Fields.HOSTNAME, "VirtualMtaSpec.sendingDomain");
        Fields.matching(dkimSelector, Fields.TOKEN, "VirtualMtaSpec.dkimSelector");
        pool = Fields.optionalMatching(pool, Fields.TOKEN, "VirtualMtaSpec.pool");
    }
}
