package io.emailengine.bounceingest.domain;

import io.emailengine.events.types.InvalidValueException;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads the columns that matter out of one record, classifies it and computes its key. A record
 * that cannot be understood (unknown type, no or bad time, bad source IP) is rejected with the
 * reason; an unknown bounce category or extra column is not a reason.
 */
public final class RecordInterpreter {

    /** The published bounce category must be a code; a custom category with odd characters is left out of it. */
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final String[] MESSAGE_ID_COLUMNS = {"header_Message-Id", "header_Message-ID", "header_message-id", "messageId"};

    /** Few distinct IPs and vmtas appear in millions of records: parse each spelling once. */
    private static final int CACHE_LIMIT = 65_536;

    private static final Classification DELIVERED = new Classification(Outcome.DELIVERED, null, false);

    private final Classifier classifier;
    private final ProviderResolver providers;
    private final Map<String, SendingIp> ips = new ConcurrentHashMap<>();
    private final Map<String, VirtualMtaName> vmtas = new ConcurrentHashMap<>();

    public RecordInterpreter(Classifier classifier, ProviderResolver providers) {
        this.classifier = classifier;
        this.providers = providers;
    }

    /** @throws IllegalArgumentException with the reason the record is rejected */
    public InterpretedRecord interpret(AccountingRecord record) {
        String typeCode = record.typeCode();
        RecordType type = RecordType.fromCode(typeCode);
        if (type == null) {
            throw new IllegalArgumentException(typeCode == null ? "record type is missing"
                    : "unknown record type '" + printable(typeCode) + "'");
        }
        Instant loggedAt;
        try {
            loggedAt = AccountingTime.parse(record.get("timeLogged"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("timeLogged: " + e.getMessage());
        }
        SendingIp ip = sourceIp(record);
        VirtualMtaName vmta = vmta(record.get("vmta"));
        Provider provider = providers.resolve(record);
        String diagnostic = record.get("dsnDiag");
        String category = record.get("bounceCat");
        String messageId = messageId(record);
        Classification classification = type == RecordType.D
                ? DELIVERED
                : classifier.classify(type, category, record.get("dsnAction"), diagnostic, provider);
        return new InterpretedRecord(RecordKey.of(record, loggedAt), record.line(), type, loggedAt, ip, vmta, provider,
                classification, record.get("rcpt"), DsnStatus.codeOf(record.get("dsnStatus")), diagnostic,
                category != null && CATEGORY.matcher(category).matches() ? category : null,
                messageId, MessageIds.hashOf(messageId), record.get("jobId"), record);
    }

    private SendingIp sourceIp(AccountingRecord record) {
        String value = record.get("dlvSourceIp");
        if (value == null) {
            return null;
        }
        SendingIp cached = ips.get(value);
        if (cached != null) {
            return cached;
        }
        try {
            SendingIp ip = SendingIp.of(value.trim());
            if (ips.size() < CACHE_LIMIT) {
                ips.put(value, ip);
            }
            return ip;
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("dlvSourceIp: " + e.getMessage());
        }
    }

    private VirtualMtaName vmta(String value) {
        if (value == null) {
            return null;
        }
        VirtualMtaName cached = vmtas.get(value);
        if (cached != null) {
            return cached;
        }
        VirtualMtaName name = VirtualMtaName.PATTERN.matcher(value.trim()).matches() ? VirtualMtaName.of(value.trim()) : null;
        if (name != null && vmtas.size() < CACHE_LIMIT) {
            vmtas.put(value, name);
        }
        return name;
    }

    private static String messageId(AccountingRecord record) {
        for (String column : MESSAGE_ID_COLUMNS) {
            String value = record.get(column);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String printable(String value) {
        String cut = value.length() > 20 ? value.substring(0, 20) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
