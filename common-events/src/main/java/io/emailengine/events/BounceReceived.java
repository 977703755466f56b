package io.emailengine.events;

import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One non-delivery outcome for one recipient, attributed to an IP and a provider. Most detail is
 * optional because the sources differ: a JMRP complaint may lack the recipient, a transient
 * failure has no bounce category.
 */
public record BounceReceived(
        BounceKind kind,
        Provider provider,
        SendingIp ip,
        @OptionalField VirtualMtaName vmta,
        @OptionalField String recipient,
        @OptionalField String dsnStatus,
        @OptionalField String diagnostic,
        @OptionalField String bounceCategory,
        @OptionalField String signalCode,
        @OptionalField String messageId,
        @OptionalField String jobId,
        String recordType,
        Instant loggedAt) implements EventPayload {

    /** RFC 3463 enhanced status code, e.g. 5.1.1. */
    public static final Pattern DSN_STATUS = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
    /** Accounting record type (PowerMTA: b, t, rb, f, ...). */
    public static final Pattern RECORD_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    public BounceReceived {
        Fields.required(kind, "BounceReceived.kind");
        Fields.required(provider, "BounceReceived.provider");
        Fields.required(ip, "BounceReceived.ip");
        recipient = Fields.optionalText(recipient);
        dsnStatus = Fields.optionalMatching(dsnStatus, DSN_STATUS, "BounceReceived.dsnStatus");
        diagnostic = Fields.optionalText(diagnostic);
        bounceCategory = Fields.optionalMatching(bounceCategory, Fields.CODE, "BounceReceived.bounceCategory");
        signalCode = Fields.optionalMatching(signalCode, Fields.CODE, "BounceReceived.signalCode");
        messageId = Fields.optionalText(messageId);
        jobId = Fields.optionalText(jobId);
        Fields.matching(recordType, RECORD_TYPE, "BounceReceived.recordType");
        Fields.required(loggedAt, "BounceReceived.loggedAt");
    }

    @Override
    public String partitionKey() {
        return ip.value();
    }
}
