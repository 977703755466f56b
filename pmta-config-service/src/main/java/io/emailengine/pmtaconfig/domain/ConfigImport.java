package io.emailengine.pmtaconfig.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the virtual MTAs out of an operator's existing PowerMTA config, in the form warmup-service's
 * bulk registration takes. Only what is understood is imported; every other part is reported with
 * its line instead of being guessed at, and one bad virtual MTA never drops the good ones.
 */
public final class ConfigImport {

    /** Global settings the operator keeps in the main config; recognised, deliberately not imported. */
    private static final Set<String> OPERATOR_SETTINGS = Set.of("postmaster", "smtp-listener", "http-mgmt-port",
            "http-access", "run-as-root", "log-file", "source", "domain", "acct-file", "include",
            "smtp-pattern-list", "mx-rollup-list");
    /** Inside a virtual MTA: understood; limits are re-created by warmup rather than imported. */
    private static final Set<String> VMTA_LIMITS = Set.of("domain", "max-smtp-out", "max-msg-rate", "max-msg-per-connection");

    private ConfigImport() {
    }

    public record ImportedVmta(String ip, String heloHostname, String sendingDomain, String dkimSelector,
                               String dkimKeyPath, String vmta, String pool) {
    }

    public record Problem(int line, String message) {
    }

    public record Result(List<ImportedVmta> vmtas, List<Problem> problems) {
    }

    public static Result read(String text) {
        List<Problem> problems = new ArrayList<>();
        List<PmtaConfigSyntax.Node> nodes;
        try {
            nodes = PmtaConfigSyntax.parse("imported config", text);
        } catch (PmtaConfigSyntax.SyntaxException e) {
            return new Result(List.of(), List.of(new Problem(e.line(), e.getMessage())));
        }
        Map<String, String> poolOf = new HashMap<>();
        for (PmtaConfigSyntax.Node node : nodes) {
            if (node.block() && node.keyword().equals("virtual-mta-pool")) {
                readPool(node, poolOf, problems);
            }
        }
        List<ImportedVmta> vmtas = new ArrayList<>();
        for (PmtaConfigSyntax.Node node : nodes) {
            if (node.block() && node.keyword().equals("virtual-mta")) {
                ImportedVmta vmta = readVmta(node, poolOf, problems);
                if (vmta != null) {
                    vmtas.add(vmta);
                }
            } else if (!node.keyword().equals("virtual-mta-pool")) {
                problems.add(new Problem(node.line(), (OPERATOR_SETTINGS.contains(node.keyword())
                        ? "not imported (operator setting): " : "not imported (unknown): ")
                        + (node.block() ? "<" + node.keyword() + ">" : node.keyword())));
            }
        }
        return new Result(List.copyOf(vmtas), List.copyOf(problems));
    }

    private static void readPool(PmtaConfigSyntax.Node pool, Map<String, String> poolOf, List<Problem> problems) {
        if (pool.args().size() != 1) {
            problems.add(new Problem(pool.line(), "<virtual-mta-pool> needs exactly one name"));
            return;
        }
        String name = pool.args().get(0);
        for (PmtaConfigSyntax.Node member : pool.children()) {
            if (!member.block() && member.keyword().equals("virtual-mta") && member.args().size() == 1) {
                String previous = poolOf.putIfAbsent(member.args().get(0), name);
                if (previous != null) {
                    problems.add(new Problem(member.line(), "virtual MTA " + member.args().get(0)
                            + " is in pools " + previous + " and " + name + "; imported with " + previous));
                }
            } else {
                problems.add(new Problem(member.line(), "not imported (unsupported in pool " + name + "): "
                        + member.keyword()));
            }
        }
    }

    private static ImportedVmta readVmta(PmtaConfigSyntax.Node block, Map<String, String> poolOf, List<Problem> problems) {
        String name = block.args().isEmpty() ? "" : block.args().get(0);
        String ip = null;
        String helo = null;
        String selector = null;
        String domain = null;
        String keyPath = null;
        try {
            ConfigValues.vmtaName("virtual-mta", name);
            for (PmtaConfigSyntax.Node node : block.children()) {
                switch (node.keyword()) {
                    case "smtp-source-host" -> {
                        if (node.args().size() != 2) {
                            throw new InvalidConfigValueException("smtp-source-host", "expects an IP and a hostname");
                        }
                        ip = ConfigValues.ip("smtp-source-host ip", node.args().get(0));
                        helo = ConfigValues.domain("smtp-source-host hostname", node.args().get(1));
                    }
                    case "domain-key" -> {
                        String[] parts = String.join("", node.args()).split(",", -1);
                        if (parts.length != 3) {
                            throw new InvalidConfigValueException("domain-key", "expects selector,domain,file");
                        }
                        selector = ConfigValues.token("domain-key selector", parts[0].trim());
                        domain = ConfigValues.domain("domain-key domain", parts[1].trim());
                        keyPath = ConfigValues.path("domain-key file", parts[2].trim());
                    }
                    default -> {
                        if (!VMTA_LIMITS.contains(node.keyword())) {
                            problems.add(new Problem(node.line(), "not imported (unknown in virtual-mta " + name + "): "
                                    + node.keyword()));
                        }
                    }
                }
            }
        } catch (InvalidConfigValueException e) {
            problems.add(new Problem(block.line(), "virtual-mta " + ConfigValues.printable(name) + " skipped: " + e.getMessage()));
            return null;
        }
        if (ip == null) {
            problems.add(new Problem(block.line(), "virtual-mta " + name + " skipped: no smtp-source-host"));
            return null;
        }
        String pool = poolOf.get(name);
        if (pool == null) {
            problems.add(new Problem(block.line(), "virtual-mta " + name + " is in no pool"));
        }
        return new ImportedVmta(ip, helo, domain, selector, keyPath, name, pool);
    }
}
