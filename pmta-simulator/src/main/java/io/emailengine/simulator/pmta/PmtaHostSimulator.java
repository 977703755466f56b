package io.emailengine.simulator.pmta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PowerMTA host: a real SSH/SFTP server (Apache MINA SSHD, public-key authentication only, persistent host key)
 * whose SFTP is chrooted to the host's filesystem root and whose exec channel runs a strict {@code pmta} command;
 * plus a traffic generator that writes rotating accounting files at the rates the live config allows.
 * pmta-config-service (deploy, test, reload, verify, pause/resume) and bounce-ingest-service (SFTP pull) talk to it
 * exactly as to a real host.
 */
public final class PmtaHostSimulator implements AutoCloseable {

    /** The one account that may log in (with an authorized key), as on a real host. */
    public static final String SSH_USER = "pmta";

    private static final Logger log = LoggerFactory.getLogger(PmtaHostSimulator.class);

    public static final String MAIN_CONFIG = "/etc/pmta/config";
    public static final String ENGINE_INCLUDE_DIRECTORY = "/etc/pmta/email-engine.d";
    /** Where pmta-config-service should put its generated file (the main config includes {@code *.conf} there). */
    public static final String ENGINE_INCLUDE_PATH = ENGINE_INCLUDE_DIRECTORY + "/engine.conf";
    public static final String DKIM_DIRECTORY = "/etc/pmta/dkim";
    public static final String LOG_DIRECTORY = "/var/log/pmta";
    public static final String VERSION = "5.0r1 (simulated)";

    /** Characters a pmta command line may contain; anything else (;, |, $, `, quotes, newlines ...) is refused. */
    private static final Pattern COMMAND_CHARACTERS = Pattern.compile("[A-Za-z0-9 ._/=*-]{1,512}");
    private static final Pattern QUEUE = Pattern.compile("(\\*|[A-Za-z0-9]([A-Za-z0-9.-]{0,252}))/([A-Za-z0-9._-]{1,64})");

    private final PmtaSimulatorOptions options;
    private final Path root;
    private final KeyPair hostKey;
    private final String fingerprint;
    private final ProviderCatalogue catalogue = ProviderCatalogue.defaults();
    private final ConfigParser parser;
    private final TrafficGenerator traffic;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final List<Reload> reloads = new CopyOnWriteArrayList<>();
    private final List<ExecutedCommand> executed = new CopyOnWriteArrayList<>();
    private final List<Consumer<Reload>> reloadListeners = new CopyOnWriteArrayList<>();
    private final Set<String> pausedQueues = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean failNextTestConfig = new AtomicBoolean();
    private final AtomicBoolean failNextReload = new AtomicBoolean();
    private final AtomicBoolean hideNextVmtas = new AtomicBoolean();
    private volatile LiveConfig live = LiveConfig.EMPTY;
    private volatile String startupError;
    private volatile Instant startedAt;
    private SshServer server;
    private int boundPort;
    private ScheduledExecutorService trafficThread;
    private long lastRealNanos;

    public PmtaHostSimulator(PmtaSimulatorOptions options) {
        this.options = options;
        this.root = options.stateDirectory();
        for (Incident incident : options.incidents()) {
            requireProvider(incident.provider());
        }
        try {
            Files.createDirectories(root);
            prepareFilesystem();
            Files.createDirectories(options.hostKeyFile().getParent());
            SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(options.hostKeyFile());
            keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            keys.setKeySize(256);
            Iterator<KeyPair> loaded = keys.loadKeys(null).iterator();
            if (!loaded.hasNext()) {
                throw new IllegalStateException("no host key could be loaded or generated at " + options.hostKeyFile());
            }
            this.hostKey = loaded.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PowerMTA simulator " + options.hostName(), e);
        }
        this.fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
        this.parser = new ConfigParser(root);
        this.traffic = new TrafficGenerator(options, catalogue, parser::local, pausedQueues);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Reads the config (as pmtad does when it starts) and opens the SSH port. */
    public void start() {
        synchronized (lock) {
            if (server != null && server.isStarted()) {
                return;
            }
            try {
                live = parser.parse(MAIN_CONFIG);
                startupError = null;
            } catch (ConfigException e) {
                startupError = e.getMessage();
                log.warn("PowerMTA simulator {} starts without a live config: {}", options.hostName(), e.getMessage());
            }
            SshServer ssh = SshServer.setUpDefaultServer();
            ssh.setHost(options.bindAddress());
            ssh.setPort(boundPort != 0 ? boundPort : options.port());
            ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            List<PublicKey> authorized = options.authorizedKeys();
            if (authorized.isEmpty()) {
                log.warn("PowerMTA simulator {} has no authorized key: no SSH client can log in", options.hostName());
            }
            ssh.setPublickeyAuthenticator((user, key, session) -> SSH_USER.equals(user)
                    && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
            ssh.setPasswordAuthenticator(null);
            ssh.setKeyboardInteractiveAuthenticator(null);
            ssh.setGSSAuthenticator(null);
            ssh.setHostBasedAuthenticator(null);
            ssh.setShellFactory(null);
            ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
            ssh.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            ssh.setCommandFactory((channel, command) -> new Exec(command));
            try {
                ssh.start();
            } catch (IOException e) {
                throw new UncheckedIOException("PowerMTA simulator " + options.hostName() + " cannot listen on "
                        + options.bindAddress() + ":" + ssh.getPort(), e);
            }
            server = ssh;
            boundPort = ssh.getPort();
            startedAt = options.clock().instant();
            log.info("PowerMTA simulator {} listening on {}:{} (host key {})", options.hostName(), options.bindAddress(),
                    boundPort, fingerprint);
        }
    }

    /** Closes the SSH port (connections are refused until {@link #start()}, on the same port) and stops traffic. */
    public void stop() {
        stopTraffic();
        synchronized (lock) {
            if (server != null) {
                try {
                    server.stop(true);
                } catch (IOException e) {
                    log.warn("Stopping the SSH server of {} failed: {}", options.hostName(), e.getMessage());
                }
                server = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return boundPort;
    }

    public String hostName() {
        return options.hostName();
    }

    /** OpenSSH form {@code SHA256:<unpadded base64>}, as pmta-config-service and bounce-ingest pin it. */
    public String hostKeyFingerprint() {
        return fingerprint;
    }

    public Path stateDirectory() {
        return root;
    }

    /** The local file behind a host path ({@code /etc/pmta/config}). */
    public Path local(String remotePath) {
        Path path = parser.local(remotePath);
        if (path == null) {
            throw new IllegalArgumentException("'" + remotePath + "' is not an absolute path inside the host");
        }
        return path;
    }

    // ---------------------------------------------------------------- observation

    /** The config live after the start or the last successful reload ({@link LiveConfig#EMPTY} if none parsed). */
    public LiveConfig liveConfig() {
        return live;
    }

    public List<Reload> reloads() {
        return List.copyOf(reloads);
    }

    /** Called after every {@code pmta reload} (successful or not), on the SSH server's thread: keep it short. */
    public void onReload(Consumer<Reload> listener) {
        reloadListeners.add(listener);
    }

    public void removeReloadListener(Consumer<Reload> listener) {
        reloadListeners.remove(listener);
    }

    /** The command lines received on exec channels, in order. */
    public List<String> commands() {
        return executed.stream().map(ExecutedCommand::command).toList();
    }

    public List<ExecutedCommand> executions() {
        return List.copyOf(executed);
    }

    public TrafficSummary trafficSummary() {
        return traffic.summary();
    }

    /** Queues paused with {@code pmta pause queue} ({@code domain/vmta}). */
    public Set<String> pausedQueues() {
        return Set.copyOf(pausedQueues);
    }

    /** The next {@code pmta test config} fails with an error (once). */
    public void failNextTestConfig() {
        failNextTestConfig.set(true);
    }

    /** The next {@code pmta reload} fails and keeps the old config live (once). */
    public void failNextReload() {
        failNextReload.set(true);
    }

    /**
     * The next {@code pmta --json show vmtas} lists no virtual MTA (once), as when PowerMTA ignored the include:
     * pmta-config-service's verification must then fail and roll back.
     */
    public void failNextVerify() {
        hideNextVmtas.set(true);
    }

    /** Lines for the sandbox's start summary. */
    public List<String> describe() {
        LiveConfig config = live;
        List<String> lines = new ArrayList<>();
        lines.add("PowerMTA host " + options.hostName() + " (simulated): ssh://" + options.bindAddress() + ":" + boundPort
                + " host key " + fingerprint + (server == null ? " [stopped]" : ""));
        lines.add("  filesystem root " + root + " (served over SFTP); main config " + MAIN_CONFIG + " includes "
                + ENGINE_INCLUDE_DIRECTORY + "/*.conf");
        lines.add("  live config: " + config.virtualMtas().size() + " virtual MTAs, " + config.pools().size() + " pools, "
                + reloads.stream().filter(Reload::ok).count() + " successful / " + reloads.stream().filter(r -> !r.ok()).count()
                + " failed reloads" + (startupError == null ? "" : "; start-up error: " + startupError));
        List<LiveConfig.AccountingFile> files = config.accountingFiles();
        if (files.isEmpty()) {
            lines.add("  accounting: no <acct-file> live (traffic writes nothing until a config with virtual MTAs is live)");
        }
        for (LiveConfig.AccountingFile file : files) {
            lines.add("  accounting: " + file.path() + " records " + String.join(",", file.records()) + ", rotated every "
                    + (file.moveInterval() == null ? "(never)" : file.moveInterval().toString().substring(2).toLowerCase())
                    + " of simulated time, keeping " + options.keepRotatedFiles() + " rotated files");
        }
        String state = trafficThread != null ? "running"
                : !traffic.started() ? "not started"
                : options.trafficTick().isZero() ? "manual (advanceTraffic)" : "stopped";
        lines.add("  traffic: " + state
                + ", demand " + options.deliveryDemand() + " of the allowed rates, cap " + options.maxRecordsPerSecond()
                + " records/s, " + traffic.summary().total() + " records written");
        for (Incident incident : options.incidents()) {
            lines.add("  incident: day " + incident.day() + " " + incident.kind() + " x" + incident.size() + " for "
                    + incident.ip() + " at " + incident.provider());
        }
        return lines;
    }

    // ---------------------------------------------------------------- traffic

    /** Traffic starts now (simulated day 1 begins now); with a non-zero tick a background thread keeps it going. */
    public void startTraffic() {
        synchronized (lock) {
            traffic.start(options.clock().instant());
            if (trafficThread == null && !options.trafficTick().isZero()) {
                lastRealNanos = System.nanoTime();
                trafficThread = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "pmta-sim-traffic-" + options.hostName());
                    thread.setDaemon(true);
                    return thread;
                });
                long tick = options.trafficTick().toNanos();
                trafficThread.scheduleWithFixedDelay(this::backgroundStep, tick, tick, TimeUnit.NANOSECONDS);
            }
        }
    }

    public void stopTraffic() {
        ScheduledExecutorService thread;
        synchronized (lock) {
            thread = trafficThread;
            trafficThread = null;
        }
        if (thread != null) {
            thread.shutdown(); // no interrupt: a step in progress finishes its write and its counts
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Generates all traffic up to the clock's now, synchronously and without the real-time cap: for tests that move
     * a manual clock. Returns the records written.
     */
    public long advanceTraffic() {
        synchronized (lock) {
            if (!traffic.started()) {
                throw new IllegalStateException("startTraffic() was not called");
            }
            return traffic.step(live, options.clock().instant(), Long.MAX_VALUE);
        }
    }

    private void backgroundStep() {
        try {
            synchronized (lock) {
                long nowNanos = System.nanoTime();
                double realSeconds = Math.max((nowNanos - lastRealNanos) / 1e9, options.trafficTick().toNanos() / 1e9);
                lastRealNanos = nowNanos;
                long budget = Math.max(1, Math.round(options.maxRecordsPerSecond() * realSeconds));
                traffic.step(live, options.clock().instant(), budget);
            }
        } catch (RuntimeException e) {
            log.error("PowerMTA simulator {}: traffic step failed", options.hostName(), e);
        }
    }

    /**
     * Writes one accounting record carrying the signal of {@code kind} for {@code ip} × {@code provider} now (simulated
     * time now) and flushes it; for reaction-time measurements.
     */
    public InjectedRecord injectSignal(String ip, String provider, Incident.Kind kind) {
        if (!ConfigParser.ip(ip)) {
            throw new IllegalArgumentException("'" + ip + "' is not an IP address");
        }
        requireProvider(provider);
        kind.requireProvider(provider);
        synchronized (lock) {
            Instant now = options.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Map.Entry<AccountingWriter.Line, String> written = traffic.inject(live, ip, provider, kind, now);
            return new InjectedRecord(written.getKey().fields().get(AccountingWriter.MESSAGE_ID), Instant.now(), now,
                    written.getValue());
        }
    }

    private void requireProvider(String provider) {
        if (provider == null || !catalogue.providers().contains(new Provider(provider))) {
            throw new IllegalArgumentException("'" + provider + "' is not a provider of the catalogue " + catalogue.providers());
        }
    }

    // ---------------------------------------------------------------- filesystem

    private void prepareFilesystem() throws IOException {
        for (String dir : List.of("/etc/pmta", DKIM_DIRECTORY, ENGINE_INCLUDE_DIRECTORY, LOG_DIRECTORY, "/var/spool/pmta")) {
            Files.createDirectories(root.resolve(dir.substring(1)));
        }
        Path main = root.resolve(MAIN_CONFIG.substring(1));
        if (!Files.exists(main)) {
            Files.writeString(main, defaultMainConfig(options.hostName()), StandardCharsets.UTF_8);
        }
    }

    /** The operator's main config of a fresh host: global settings and the include of the engine's files. */
    public static String defaultMainConfig(String hostName) {
        String host = ConfigParser.hostname(hostName) ? hostName : "pmta";
        return """
                # PowerMTA main configuration of %1$s (Email-Engine PowerMTA simulator).
                # The operator owns this file; Email-Engine's pmta-config-service owns the files included at the end.

                postmaster postmaster@%1$s.sandbox.example
                smtp-listener 0/0:2525
                http-mgmt-port 8080
                http-access 127.0.0.1 admin
                run-as-root no
                log-file /var/log/pmta/log

                <source 127.0.0.1>
                    always-allow-relaying yes
                    process-x-virtual-mta yes
                    smtp-service yes
                    add-received-header no
                </source>

                <source 0/0>
                    smtp-service no
                </source>

                <domain *>
                    dkim-sign yes
                    max-smtp-out 20
                    max-msg-per-connection 50
                    retry-after 10m,10m,30m,1h,4h
                    bounce-after 4d12h
                    backoff-max-msg-rate 50/h
                    backoff-retry-after 1h
                    backoff-to-normal-after 6h
                    smtp-pattern-list provider-signals
                </domain>

                <smtp-pattern-list provider-signals>
                    reply /421[- ]4\\.7\\.28/ mode=backoff
                    reply /\\[TSS04\\]/ mode=backoff
                </smtp-pattern-list>

                # Email-Engine: virtual MTAs, pools, provider rollups and the accounting file bounce-ingest reads.
                include %2$s/*.conf
                """.formatted(host, ENGINE_INCLUDE_DIRECTORY);
    }

    // ---------------------------------------------------------------- the pmta command

    /** Exit code and what the command printed (stdout, stderr). */
    record Result(int exit, String out, String err) {
        static Result ok(String out) {
            return new Result(0, out, "");
        }

        static Result error(int exit, String err) {
            return new Result(exit, "", err);
        }
    }

    /**
     * Runs a command line as an SSH exec channel would (and records it in {@link #commands()}): for the sandbox's
     * own checks and for tests that need no SSH round trip.
     */
    public ExecutedCommand execute(String commandLine) {
        Result result = run(commandLine);
        ExecutedCommand done = new ExecutedCommand(Instant.now(), commandLine, result.exit(), result.out() + result.err());
        executed.add(done);
        return done;
    }

    Result run(String commandLine) {
        String line = commandLine == null ? "" : commandLine.strip();
        if (!COMMAND_CHARACTERS.matcher(line).matches()) {
            String first = line.split("[^A-Za-z0-9._/-]", 2)[0];
            return first.equals("pmta") || first.equals("sudo")
                    ? Result.error(2, "pmta: invalid character in command line; refused\n")
                    : Result.error(127, "bash: " + ConfigParser.printable(first.isEmpty() ? line : first) + ": command not found\n");
        }
        List<String> words = new ArrayList<>(List.of(line.split(" +")));
        if (words.size() >= 3 && words.get(0).equals("sudo") && words.get(1).equals("-n")) {
            words = words.subList(2, words.size());
        }
        if (!words.get(0).equals("pmta")) {
            return Result.error(127, "bash: " + words.get(0) + ": command not found\n");
        }
        List<String> args = words.subList(1, words.size());
        String joined = String.join(" ", args);
        return switch (joined) {
            case "test config" -> testConfig();
            case "reload" -> reload();
            case "--json show vmtas" -> Result.ok(toJson(Map.of("vmtas", hideNextVmtas.getAndSet(false) ? List.of() : vmtasJson())));
            case "--json show queues" -> Result.ok(toJson(Map.of("queues", queuesJson())));
            case "--json show status" -> Result.ok(toJson(Map.of("status", statusJson())));
            default -> queueCommand(args);
        };
    }

    private Result queueCommand(List<String> args) {
        if (args.size() == 3 && (args.get(0).equals("pause") || args.get(0).equals("resume")) && args.get(1).equals("queue")) {
            var m = QUEUE.matcher(args.get(2));
            if (!m.matches()) {
                return Result.error(1, "pmta: invalid queue '" + ConfigParser.printable(args.get(2)) + "' (expected DOMAIN/VMTA)\n");
            }
            String vmta = m.group(3);
            if (!live.virtualMtas().containsKey(vmta)) {
                return Result.error(1, "pmta: unknown virtual MTA '" + vmta + "'\n");
            }
            if (args.get(0).equals("pause")) {
                pausedQueues.add(args.get(2));
                return Result.ok("Queue " + args.get(2) + " paused.\n");
            }
            pausedQueues.remove(args.get(2));
            return Result.ok("Queue " + args.get(2) + " resumed.\n");
        }
        if (!args.isEmpty() && args.get(0).equals("show")) {
            return Result.error(1, "pmta: this simulated host answers 'show' only with --json (vmtas, queues, status)\n");
        }
        return Result.error(1, "pmta: unknown or unsupported command '" + String.join(" ", args)
                + "' (simulated: test config, reload, --json show vmtas|queues|status, pause|resume queue DOMAIN/VMTA)\n");
    }

    private Result testConfig() {
        if (failNextTestConfig.getAndSet(false)) {
            return Result.error(1, "Error in line 1 of " + MAIN_CONFIG + ": simulated failure (failNextTestConfig)\n");
        }
        try {
            parser.parse(MAIN_CONFIG);
            return Result.ok("Configuration OK.\n");
        } catch (ConfigException e) {
            return Result.error(1, e.getMessage() + "\n");
        }
    }

    /** The Reload's times are taken when the new config is live (or refused): "reload done" for reaction times. */
    private Result reload() {
        Reload reload;
        Result result;
        if (failNextReload.getAndSet(false)) {
            String message = "Error in line 1 of " + MAIN_CONFIG + ": simulated failure (failNextReload); the previous configuration stays active";
            reload = new Reload(Instant.now(), options.clock().instant(), null, null, 0, false, message);
            result = Result.error(1, message + "\n");
        } else {
            try {
                LiveConfig parsed;
                synchronized (lock) { // two reloads at once must not go live in the wrong order
                    parsed = parser.parse(MAIN_CONFIG);
                    live = parsed;
                }
                reload = new Reload(Instant.now(), options.clock().instant(), parsed.contentHash(), parsed.generatedHash(),
                        parsed.virtualMtas().size(), true, "Configuration reloaded.");
                result = Result.ok("Configuration reloaded.\n");
            } catch (ConfigException e) {
                reload = new Reload(Instant.now(), options.clock().instant(), null, null, 0, false, e.getMessage());
                result = Result.error(1, e.getMessage() + "\n");
            }
        }
        reloads.add(reload);
        for (Consumer<Reload> listener : reloadListeners) {
            try {
                listener.accept(reload);
            } catch (RuntimeException e) {
                log.warn("A reload listener of {} failed: {}", options.hostName(), e.toString());
            }
        }
        return result;
    }

    private List<Map<String, Object>> vmtasJson() {
        LiveConfig config = live;
        Map<String, long[]> perVmta = new LinkedHashMap<>();
        synchronized (lock) {
            for (TrafficGenerator.QueueState q : traffic.queues()) {
                long[] figures = perVmta.computeIfAbsent(q.vmta, v -> new long[2]);
                figures[0] += q.pending;
                figures[1] += q.conn;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (LiveConfig.VirtualMta vmta : config.virtualMtas().values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", vmta.name());
            v.put("sourceIp", vmta.sourceIp());
            v.put("heloHost", vmta.heloHost());
            v.put("pools", vmta.pools());
            v.put("maxSmtpOut", vmta.maxSmtpOut());
            List<Map<String, Object>> domains = new ArrayList<>();
            for (LiveConfig.DomainLimits limits : vmta.domains().values()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("domain", limits.pattern());
                d.put("maxMsgRate", limits.maxMsgRate() == null ? null : limits.maxMsgRate().text());
                d.put("maxSmtpOut", limits.maxSmtpOut());
                d.put("maxMsgPerConnection", limits.maxMsgPerConnection());
                d.put("paused", limits.paused());
                domains.add(d);
            }
            v.put("domains", domains);
            long[] figures = perVmta.getOrDefault(vmta.name(), new long[2]);
            v.put("rcp", figures[0]);
            v.put("msg", figures[0]);
            v.put("conn", figures[1]);
            out.add(v);
        }
        return out;
    }

    private List<Map<String, Object>> queuesJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (lock) {
            for (TrafficGenerator.QueueState q : traffic.queues()) {
                Map<String, Object> m = new LinkedHashMap<>();
                String name = q.domain + "/" + q.vmta;
                m.put("name", name);
                m.put("domain", q.domain);
                m.put("vmta", q.vmta);
                m.put("rcp", q.pending);
                m.put("msg", q.pending);
                m.put("kb", q.pending * 18);
                m.put("conn", q.conn);
                m.put("paused", pausedQueues.contains(name));
                out.add(m);
            }
        }
        return out;
    }

    private Map<String, Object> statusJson() {
        Instant now = options.clock().instant();
        long pending = 0;
        long conn = 0;
        long lastHour;
        synchronized (lock) {
            for (TrafficGenerator.QueueState q : traffic.queues()) {
                pending += q.pending;
                conn += q.conn;
            }
            lastHour = traffic.deliveredLastHour(now);
        }
        Duration up = startedAt == null ? Duration.ZERO : Duration.between(startedAt, now);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", VERSION);
        status.put("uptime", String.format("%dd %02d:%02d:%02d", up.toDays(), up.toHoursPart(), up.toMinutesPart(), up.toSecondsPart()));
        status.put("queue", Map.of("smtp", ordered("rcp", pending, "msg", pending, "kb", pending * 18)));
        status.put("conn", Map.of("smtpOut", conn));
        status.put("traffic", Map.of("lastHour", Map.of("out", ordered("rcp", lastHour, "msg", lastHour))));
        return status;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** One exec channel: runs the command line, writes its output, exits with its code. */
    private final class Exec implements Command {
        private final String command;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Exec(String command) {
            this.command = command;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void setInputStream(InputStream in) {
            // pmta reads nothing from stdin
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Result result;
            try {
                result = run(command);
            } catch (RuntimeException e) {
                log.error("pmta command '{}' failed on {}", command, options.hostName(), e);
                result = Result.error(70, "pmta: internal error\n");
            }
            executed.add(new ExecutedCommand(Instant.now(), command, result.exit(), result.out() + result.err()));
            try {
                out.write(result.out().getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(result.err().getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                log.debug("Client of {} went away before reading the output of '{}'", options.hostName(), command);
            }
            exit.onExit(result.exit());
        }

        @Override
        public void destroy(ChannelSession channel) {
            // nothing runs in the background
        }
    }

    /** For tests and the sandbox: the live config's virtual MTA names. */
    public Set<String> liveVirtualMtas() {
        return Collections.unmodifiableSet(live.virtualMtas().keySet());
    }
}
