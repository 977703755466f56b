package io.emailengine.warmup.domain;

import io.emailengine.events.VirtualMtaSpec;
import io.emailengine.events.types.HostId;
import io.emailengine.events.types.InvalidValueException;
import io.emailengine.events.types.Names;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an operator says about one sending IP. Every text field ends up in a PowerMTA config line
 * or a DNS query, so each is whitelisted: hostnames and domains as LDH labels, names by pattern.
 */
public record SendingIpSpec(
        SendingIp ip,
        String heloHostname,
        String sendingDomain,
        String dkimSelector,
        HostId host,
        VirtualMtaName vmta,
        String pool,
        int sendingHours) {

    /** LDH labels, at least two, 253 characters at most (the event contract's own rule). */
    public static final Pattern HOSTNAME = Names.HOSTNAME;
    /** A DKIM selector: one or more LDH labels, 63 characters at most. */
    public static final Pattern SELECTOR = Pattern.compile(
            "(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** PowerMTA pool names (the event contract's own rule). */
    public static final Pattern POOL = Names.TOKEN;

    /** The virtual-MTA identity PowerMTA needs for this IP. */
    public VirtualMtaSpec vmtaSpec() {
        return new VirtualMtaSpec(vmta, ip, heloHostname, sendingDomain, dkimSelector, pool);
    }

    /**
     * Parses raw input; on any problem returns them all (field and reason) instead of a spec.
     *
     * @param vmta null or blank: derived from the IP by {@link VirtualMtaName#forIp}
     */
    public static Parsed parse(String ip, String heloHostname, String sendingDomain, String dkimSelector, String host,
                               String vmta, String pool, Integer sendingHours) {
        List<FieldProblem> problems = new ArrayList<>();
        SendingIp address = null;
        if (ip == null || ip.isBlank()) {
            problems.add(new FieldProblem("ip", "is required"));
        } else {
            try {
                address = SendingIp.of(ip.trim());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("ip", e.getMessage()));
            }
        }
        String helo = lower(heloHostname);
        check(problems, "heloHostname", helo, HOSTNAME, "must be a hostname of LDH labels with at least two labels");
        String domain = lower(sendingDomain);
        check(problems, "sendingDomain", domain, HOSTNAME, "must be a domain of LDH labels with at least two labels");
        String selector = lower(dkimSelector);
        check(problems, "dkimSelector", selector, SELECTOR, "must be LDH labels, at most 63 characters");
        HostId hostId = null;
        if (host == null || host.isBlank()) {
            problems.add(new FieldProblem("hostId", "is required"));
        } else if (!HostId.PATTERN.matcher(host).matches()) {
            problems.add(new FieldProblem("hostId", "must match " + HostId.PATTERN.pattern()));
        } else {
            hostId = HostId.of(host);
        }
        VirtualMtaName vmtaName = null;
        if (vmta != null && !vmta.isBlank()) {
            if (VirtualMtaName.PATTERN.matcher(vmta).matches()) {
                vmtaName = VirtualMtaName.of(vmta);
            } else {
                problems.add(new FieldProblem("vmta", "must match " + VirtualMtaName.PATTERN.pattern()));
            }
        } else if (address != null) {
            vmtaName = VirtualMtaName.forIp(address);
        }
        String poolName = pool == null || pool.isBlank() ? null : pool;
        if (poolName != null && !POOL.matcher(poolName).matches()) {
            problems.add(new FieldProblem("pool", "must match " + POOL.pattern()));
        }
        int hours = sendingHours == null ? 24 : sendingHours;
        if (hours < 1 || hours > 24) {
            problems.add(new FieldProblem("sendingHours", "must be 1..24, was " + hours));
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        return new Parsed(new SendingIpSpec(address, helo, domain, selector, hostId, vmtaName, poolName, hours), List.of());
    }

    /** Either a spec or the problems that prevented it. */
    public record Parsed(SendingIpSpec spec, List<FieldProblem> problems) {
        public boolean valid() {
            return spec != null;
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static void check(List<FieldProblem> problems, String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            problems.add(new FieldProblem(field, rule + ", was '" + printable(value) + "'"));
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
