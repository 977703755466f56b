package io.emailengine.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Name of a PowerMTA {@code <virtual-mta>}; written verbatim into config, hence the whitelist. */
public record VirtualMtaName(String value) {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public VirtualMtaName {
        Whitelist.require("VirtualMtaName", PATTERN, value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static VirtualMtaName of(String value) {
        return new VirtualMtaName(value);
    }

    /**
     * The engine's naming rule, so every service derives the same name for an IP:
     * {@code v203-0-113-10} for IPv4, {@code v6-2001-db8-0-0-0-0-0-1} (all eight groups, so the
     * name is unambiguous without {@code ::}) for IPv6.
     */
    public static VirtualMtaName forIp(SendingIp ip) {
        if (ip.isIpv6()) {
            return new VirtualMtaName("v6-" + String.join("-", ip.ipv6Groups()));
        }
        return new VirtualMtaName("v" + ip.value().replace('.', '-'));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
