package io.emailengine.sandbox;

import java.util.List;

/**
 * The seed's fixed facts, known before anything starts (the simulators are created with them): the five IPs of the
 * seed's PowerMTA config ({@code /seed/existing-config.conf}) with their tenants, and the MailWizz delivery server of
 * each. {@link Seed} checks that importing the config yields exactly these.
 */
public final class SeedData {

    /** One seed IP and the MailWizz delivery server that sends through it. */
    public record SeedServer(String tenant, String ip, String vmta, long serverId, long customerId) {
    }

    public static final List<SeedServer> SERVERS = List.of(
            new SeedServer("tenant-a", "203.0.113.10", "v203-0-113-10", 1, 1),
            new SeedServer("tenant-a", "203.0.113.12", "v203-0-113-12", 2, 1),
            new SeedServer("tenant-a", "203.0.113.13", "v203-0-113-13", 3, 1),
            new SeedServer("tenant-b", "203.0.113.11", "v203-0-113-11", 4, 2),
            new SeedServer("tenant-b", "203.0.113.14", "v203-0-113-14", 5, 2));

    private SeedData() {
    }

    public static List<SeedServer> ofTenant(String tenant) {
        return SERVERS.stream().filter(s -> s.tenant().equals(tenant)).toList();
    }
}
