package io.emailengine.simulator.pmta;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration PowerMTA runs with: what the last successful {@code pmta reload} (or the start) parsed
 * from the main config and its includes.
 *
 * @param files           the config files read, main config first, in include order
 * @param virtualMtas     by name, in config order
 * @param pools           pool name to member virtual MTA names
 * @param globalDomains   top-level {@code <domain>} blocks by pattern
 * @param mxRollups       rollup name ({@code gmail.rollup}) to its MX patterns
 * @param accountingFiles the {@code <acct-file>} blocks
 * @param contentHash     SHA-256 (hex) of all files read, in order
 * @param generatedHash   the {@code # content-sha256:} comment of pmta-config-service's include, if any
 */
public record LiveConfig(List<String> files, Map<String, VirtualMta> virtualMtas, Map<String, List<String>> pools,
                         Map<String, DomainLimits> globalDomains, Map<String, List<String>> mxRollups,
                         List<AccountingFile> accountingFiles, String contentHash, String generatedHash) {

    public static final LiveConfig EMPTY = new LiveConfig(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), "", null);

    public LiveConfig {
        files = List.copyOf(files);
        virtualMtas = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(virtualMtas));
        pools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pools));
        globalDomains = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(globalDomains));
        mxRollups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mxRollups));
        accountingFiles = List.copyOf(accountingFiles);
    }

    public Optional<VirtualMta> virtualMta(String name) {
        return Optional.ofNullable(virtualMtas.get(name));
    }

    /** The virtual MTA sending from this IP, if any. */
    public Optional<VirtualMta> byIp(String ip) {
        return virtualMtas.values().stream().filter(v -> ip.equals(v.sourceIp())).findFirst();
    }

    /**
     * One {@code <virtual-mta>}.
     *
     * @param domains {@code <domain>} blocks inside it, by pattern ({@code gmail.rollup}, {@code gmail.com}, {@code *})
     */
    public record VirtualMta(String name, String sourceIp, String heloHost, String dkimSelector, String dkimDomain,
                             String dkimKeyFile, List<String> pools, Integer maxSmtpOut, Rate maxMsgRate,
                             Map<String, DomainLimits> domains) {

        public VirtualMta {
            pools = List.copyOf(pools);
            domains = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(domains));
        }

        /** The domain of the sender addresses: the DKIM domain, else the HELO host's parent domain. */
        public String sendingDomain() {
            if (dkimDomain != null) {
                return dkimDomain;
            }
            if (heloHost != null && heloHost.indexOf('.') > 0) {
                return heloHost.substring(heloHost.indexOf('.') + 1);
            }
            return "sender.example";
        }

        public String firstPool() {
            return pools.isEmpty() ? "" : pools.get(0);
        }
    }

    /**
     * Limits of one {@code <domain>} block; null where the block does not set the directive.
     * A zero {@code max-msg-rate} means paused.
     */
    public record DomainLimits(String pattern, Rate maxMsgRate, Integer maxSmtpOut, Integer maxMsgPerConnection) {

        public boolean paused() {
            return maxMsgRate != null && maxMsgRate.zero();
        }
    }

    /**
     * One {@code <acct-file>}.
     *
     * @param records      record types written ({@code d,b,t,rb,f}); all types when the directive is absent
     * @param headerFields {@code header_*} columns named by {@code record-fields}
     * @param moveInterval rotation interval, null when not set
     * @param maxSize      rotation size in bytes, 0 when not set
     * @param deleteAfter  rotated files older than this (simulated time) are deleted; null when not set
     */
    public record AccountingFile(String path, List<String> records, List<String> headerFields, Duration moveInterval,
                                 long maxSize, Duration deleteAfter) {

        public AccountingFile {
            records = List.copyOf(records);
            headerFields = List.copyOf(headerFields);
        }
    }
}
