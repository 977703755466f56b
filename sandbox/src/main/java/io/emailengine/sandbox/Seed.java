package io.emailengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's seed, applied through the public APIs exactly as an operator would: register the PowerMTA host, import
 * its existing config (two tenants, five IPs), generate and upload the DKIM keys, register the IPs with
 * warmup-service for their tenants and start their warmup.
 */
public final class Seed {

    /** The host the seed registers; its pools are named {@code pool-<tenant>}. */
    public static final String HOST_ID = "pmta-1";
    static final String EXISTING_CONFIG = "/seed/existing-config.conf";
    static final String POOL_PREFIX = "pool-";

    /** One seeded IP as the import found it, with its tenant (from its pool). */
    public record SeedIp(String tenant, String ip, String heloHostname, String sendingDomain, String dkimSelector,
                         String vmta, String pool) {
    }

    /** How pmta-config-service reaches the PowerMTA host (the simulator, or a real one). */
    public record HostRegistration(String address, int port, String user, String privateKeyFile,
                                   String hostKeyFingerprint, String includePath, String dkimKeyDirectory) {
    }

    private final ApiKeySet keys;

    public Seed(ApiKeySet keys) {
        this.keys = keys;
    }

    /** The PowerMTA config the seed imports (a copy of a typical pre-existing host config). */
    public static String existingConfig() {
        try (InputStream in = Seed.class.getResourceAsStream(EXISTING_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(EXISTING_CONFIG + " is missing from the sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + EXISTING_CONFIG, e);
        }
    }

    /** Applies the whole seed; returns the IPs it registered and started. */
    public List<SeedIp> apply(HostRegistration host, boolean discoverDeliveryServers) throws IOException {
        EngineApi pmtaAdmin = EngineApi.of("pmta-config-service", keys.admin());
        registerHost(pmtaAdmin, host);
        List<SeedIp> ips = importConfig(pmtaAdmin);
        publishDkimKeys(pmtaAdmin, ips);
        if (discoverDeliveryServers) { // a real MailWizz: map its delivery servers to the IPs by name or hostname
            EngineApi gateway = EngineApi.of("mailwizz-gateway", keys.admin());
            for (String tenant : ApiKeySet.TENANTS) {
                gateway.post("/api/v1/admin/mailwizz/tenants/" + tenant + "/delivery-servers/discover", null);
            }
        }
        registerAndStart(ips);
        return ips;
    }

    static void registerHost(EngineApi pmtaAdmin, HostRegistration host) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", host.address());
        body.put("port", host.port());
        body.put("user", host.user());
        body.put("privateKeyRef", "file:" + host.privateKeyFile()); // a mounted file, as in production
        body.put("hostKeySha256", host.hostKeyFingerprint());
        body.put("includePath", host.includePath());
        body.put("dkimKeyDir", host.dkimKeyDirectory());
        pmtaAdmin.put("/api/v1/admin/pmta-hosts/" + HOST_ID, body);
    }

    static List<SeedIp> importConfig(EngineApi pmtaAdmin) throws IOException {
        JsonNode imported = pmtaAdmin.postText("/api/v1/admin/pmta-hosts/" + HOST_ID + "/import", existingConfig());
        List<SeedIp> ips = new ArrayList<>();
        for (JsonNode vmta : imported.path("vmtas")) {
            String pool = vmta.path("pool").asText();
            if (!pool.startsWith(POOL_PREFIX) || !ApiKeySet.TENANTS.contains(pool.substring(POOL_PREFIX.length()))) {
                throw new IllegalStateException("seed: virtual MTA " + vmta.path("vmta").asText() + " is in pool '" + pool
                        + "', which names no sandbox tenant");
            }
            ips.add(new SeedIp(pool.substring(POOL_PREFIX.length()), vmta.path("ip").asText(),
                    vmta.path("heloHostname").asText(), vmta.path("sendingDomain").asText(),
                    vmta.path("dkimSelector").asText(), vmta.path("vmta").asText(), pool));
        }
        List<String> found = ips.stream().map(ip -> ip.tenant() + " " + ip.ip() + " " + ip.vmta()).sorted().toList();
        List<String> expected = SeedData.SERVERS.stream().map(s -> s.tenant() + " " + s.ip() + " " + s.vmta()).sorted().toList();
        if (!found.equals(expected)) {
            throw new IllegalStateException("seed: the import found " + found + " instead of " + expected);
        }
        return ips;
    }

    /** One key per (domain, selector), generated by pmta-config-service and uploaded to the host (mode 0600). */
    static void publishDkimKeys(EngineApi pmtaAdmin, List<SeedIp> ips) throws IOException {
        Set<String> done = new LinkedHashSet<>();
        for (SeedIp ip : ips) {
            if (!done.add(ip.sendingDomain() + "/" + ip.dkimSelector())) {
                continue;
            }
            pmtaAdmin.post("/api/v1/admin/dkim-keys", Map.of("domain", ip.sendingDomain(),
                    "selector", ip.dkimSelector(), "tenant", ip.tenant()));
            pmtaAdmin.post("/api/v1/admin/dkim-keys/" + EngineApi.encode(ip.sendingDomain()) + "/"
                    + EngineApi.encode(ip.dkimSelector()) + "/upload?host=" + HOST_ID, null);
        }
    }

    void registerAndStart(List<SeedIp> ips) throws IOException {
        for (String tenant : ApiKeySet.TENANTS) {
            EngineApi warmup = EngineApi.of("warmup-service", keys.tenant(tenant));
            List<Map<String, Object>> requests = new ArrayList<>();
            for (SeedIp ip : ips) {
                if (!ip.tenant().equals(tenant)) {
                    continue;
                }
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("ip", ip.ip());
                request.put("heloHostname", ip.heloHostname());
                request.put("sendingDomain", ip.sendingDomain());
                request.put("dkimSelector", ip.dkimSelector());
                request.put("hostId", HOST_ID);
                request.put("vmta", ip.vmta());
                request.put("pool", ip.pool());
                request.put("sendingHours", 24);
                requests.add(request);
            }
            JsonNode answer = warmup.post("/api/v1/tenants/" + tenant + "/ips/bulk", requests);
            for (JsonNode line : answer.path("lines")) {
                if (!line.path("outcome").asText().equals("created")) { // the sandbox starts on fresh databases
                    throw new IllegalStateException("seed: registering an IP of " + tenant + " failed: " + line);
                }
            }
            for (SeedIp ip : ips) {
                if (ip.tenant().equals(tenant)) {
                    warmup.post("/api/v1/tenants/" + tenant + "/ips/" + EngineApi.encode(ip.ip()) + "/warmup/start",
                            Map.of());
                }
            }
        }
    }
}
