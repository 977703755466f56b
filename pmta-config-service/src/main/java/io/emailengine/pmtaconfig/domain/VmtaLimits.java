package io.emailengine.pmtaconfig.domain;

/** PowerMTA limits of one provider inside one virtual MTA, validated and in canonical text. */
public record VmtaLimits(String maxMsgRate, int maxSmtpOut, int maxMsgPerConnection) {

    public VmtaLimits {
        maxMsgRate = ConfigValues.rate("maxMsgRate", maxMsgRate);
        ConfigValues.atLeast("maxSmtpOut", maxSmtpOut, 1);
        ConfigValues.atLeast("maxMsgPerConnection", maxMsgPerConnection, 1);
    }
}
