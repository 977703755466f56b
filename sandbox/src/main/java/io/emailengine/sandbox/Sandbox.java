package io.emailengine.sandbox;

import io.emailengine.events.time.AcceleratedClock;
import io.emailengine.simulator.mailwizz.ApiCredentials;
import io.emailengine.simulator.mailwizz.DeliveryServerSeed;
import io.emailengine.simulator.mailwizz.MailwizzSimulator;
import io.emailengine.simulator.mailwizz.MailwizzSimulatorOptions;
import io.emailengine.simulator.pmta.ClientKeys;
import io.emailengine.simulator.pmta.Incident;
import io.emailengine.simulator.pmta.PmtaHostSimulator;
import io.emailengine.simulator.pmta.PmtaSimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole system on one machine: embedded PostgreSQL and Kafka, simulators of the third-party systems (a PowerMTA
 * host over SSH/SFTP, MailWizz with its MariaDB, Telegram), the five services as child JVMs, the seed (a PowerMTA
 * host, two tenants, five IPs warming) and a dashboard. Time is simulated: a warmup day lasts {@code --day-seconds}.
 * Waits until each service reports ready, prints where everything is, and stops everything on Ctrl-C.
 * <p>
 * Run from the repository root (as {@code ./run-local.sh} does): the service jars are found at
 * {@code <module>/target/<module>.jar} and state goes to {@code .sandbox/}. A simulator is replaced by the real
 * system when its {@link ExternalSystems} environment variables are set.
 */
public final class Sandbox {

    private static final int LOG_LINES_ON_FAILURE = 40;

    private final SandboxOptions options;
    private final Path root;
    private final Path stateDirectory;
    private final Path logDirectory;
    private final long startNanos = System.nanoTime();
    private final ApiKeySet keys = ApiKeySet.generate();
    private final ExternalSystems external;
    private final AcceleratedClock clock;
    private final EmbeddedDatabase database;
    private final EmbeddedKafka kafka;
    private final TelegramSimulator telegram;
    /** The SSH key services use to reach the simulated PowerMTA host (OpenSSH format, mode 0600). */
    private final Path engineKeyFile;
    private final PmtaHostSimulator pmta;
    private final MailwizzSimulator mailwizz;
    private final MailwizzKeys mailwizzKeys = MailwizzKeys.generate();
    private final String dkimEncryptionKey = randomBase64(32);
    private volatile List<Seed.SeedIp> seeded = List.of();
    private Dashboard dashboard;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Everything started so far, in start order; stopped in reverse. */
    private final List<Component> started = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopped = new AtomicBoolean();

    public Sandbox(SandboxOptions options, Path root) {
        this(options, root, ExternalSystems.fromEnvironment(System.getenv()));
    }

    Sandbox(SandboxOptions options, Path root, ExternalSystems external) {
        this.options = options;
        this.root = root.toAbsolutePath().normalize();
        this.external = external;
        this.stateDirectory = this.root.resolve(".sandbox");
        this.logDirectory = stateDirectory.resolve("logs");
        this.clock = AcceleratedClock.playingOneDayIn(Duration.ofSeconds(options.daySeconds()), Clock.systemUTC());
        List<String> databases = options.services().stream().map(s -> ServiceProcess.spec(s).database()).toList();
        this.database = new EmbeddedDatabase(options.postgresPort(), stateDirectory.resolve("postgres"), databases);
        this.kafka = new EmbeddedKafka(options.kafkaPort());
        this.telegram = external.telegram().isPresent() ? null : new TelegramSimulator(options.telegramPort());
        this.engineKeyFile = stateDirectory.resolve("ssh").resolve("engine-key");
        this.pmta = external.pmta().isPresent() ? null : newPmtaSimulator();
        this.mailwizz = external.mailwizz().isPresent() ? null : new MailwizzSimulator(mailwizzOptions());
    }

    /** A fresh host (its filesystem is prepared by the constructor) and a fresh engine key it authorises. */
    private PmtaHostSimulator newPmtaSimulator() {
        try {
            EmbeddedDatabase.deleteRecursively(stateDirectory.resolve("pmta-1"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + stateDirectory.resolve("pmta-1"), e);
        }
        KeyPair engineKey = ClientKeys.generate(engineKeyFile);
        return new PmtaHostSimulator(PmtaSimulatorOptions.of(Seed.HOST_ID, stateDirectory.resolve("pmta-1"))
                .withPort(options.sshPort())
                .withHostKeyFile(stateDirectory.resolve("ssh").resolve("pmta-1-host-key"))
                .withAuthorizedKeys(List.of(engineKey.getPublic()))
                .withClock(clock)
                .withIncidents(options.incidents() ? SCRIPTED_INCIDENTS : List.of()));
    }

    /** The incidents the seed promises: a Gmail 421-4.7.28 burst on one IP on day 10, a Yahoo TSS04 episode on day 16. */
    static final List<Incident> SCRIPTED_INCIDENTS = List.of(
            new Incident(10, "203.0.113.10", "gmail", Incident.Kind.GMAIL_RATE_LIMIT_BURST, 40),
            new Incident(16, "203.0.113.11", "yahoo", Incident.Kind.YAHOO_TSS04, 10));

    private MailwizzSimulatorOptions mailwizzOptions() {
        MailwizzSimulatorOptions.Builder builder = MailwizzSimulatorOptions.builder(stateDirectory.resolve("mailwizz"))
                .httpPort(options.mailwizzPort())
                .mariadbPort(options.mariadbPort())
                // MailWizz checks 1.x request timestamps against its real clock, like the gateway signs them
                .clock(Clock.systemUTC())
                .apiKey(ApiCredentials.v2(1, "tenant-a", mailwizzKeys.tenantAKey()))
                .apiKey(ApiCredentials.v1(2, "tenant-b", mailwizzKeys.tenantBPublic(), mailwizzKeys.tenantBPrivate()));
        for (SeedData.SeedServer server : SeedData.SERVERS) {
            builder.deliveryServer(new DeliveryServerSeed(server.serverId(), server.customerId(),
                    "PowerMTA " + server.ip(), server.ip(), server.vmta(), 1000, 10000));
        }
        return builder.build();
    }

    public static void main(String[] args) {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SandboxOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SandboxOptions.USAGE);
            return;
        }
        // initialise logging before PostgreSQL and Kafka log from two threads at once (else SLF4J warns of a replay)
        org.slf4j.LoggerFactory.getLogger(Sandbox.class).info("Starting the sandbox with {}", options);
        Sandbox sandbox = new Sandbox(options, Paths.get("").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop, "sandbox-shutdown"));
        boolean ready;
        try {
            ready = sandbox.start();
        } catch (Exception e) {
            System.err.println();
            System.err.println("FAILED: " + describe(e));
            ready = false;
        }
        if (!ready) {
            sandbox.stop();
            System.exit(1);
        }
        if (options.exitWhenReady()) {
            sandbox.stop();
            System.exit(0);
        }
        sandbox.watchUntilStopped();
    }

    /** Starts everything; returns whether all services became ready and the seed applied (failures are printed). */
    public boolean start() throws Exception {
        for (String service : options.services()) {
            ServiceProcess.Spec spec = ServiceProcess.spec(service);
            Path jar = root.resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist: build first (./run-local.sh without "
                        + "--no-build, or ./mvnw -B -DskipTests install)");
            }
        }
        EmbeddedDatabase.deleteRecursively(logDirectory); // fresh logs, like the fresh databases and keys
        Files.createDirectories(logDirectory);
        System.out.println("Email-Engine sandbox: starting PostgreSQL, Kafka, the simulators and " + options.services().size()
                + " services (state and logs in " + root.relativize(stateDirectory) + "/); one simulated day lasts "
                + options.daySeconds() + " s");

        // PostgreSQL, MariaDB (MailWizz) and Kafka start in parallel: all are mostly waiting (initdb, KRaft election)
        List<CompletableFuture<Void>> background = new ArrayList<>();
        background.add(CompletableFuture.runAsync(() -> startComponent(database,
                "PostgreSQL ready on localhost:" + database.port() + " (" + options.services().size() + " databases)")));
        if (mailwizz != null) {
            background.add(CompletableFuture.runAsync(() -> startComponent(new SimulatorComponent("MailWizz simulator",
                    mailwizz::start, mailwizz::stop, mailwizz::describe),
                    "MailWizz simulator ready: API " + mailwizz.options().httpPort() + ", MariaDB " + options.mariadbPort())));
        }
        Exception failure = null;
        try {
            startComponent(kafka, "Kafka ready on " + kafka.bootstrapServers());
        } catch (RuntimeException e) {
            failure = e;
        }
        // wait for every background start, failed or not, so that stop() finds nothing still starting
        for (CompletableFuture<Void> future : background) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (telegram != null) {
            startComponent(telegram, "Telegram simulator ready on " + telegram.baseUrl());
        }
        if (pmta != null) {
            startComponent(new SimulatorComponent("PowerMTA host simulator", pmta::start, pmta::stop, pmta::describe), "PowerMTA host simulator ready: SSH/SFTP on localhost:" + options.sshPort());
        }

        // children are started from this (main) thread: their parent-death signal is tied to it
        long launchNanos = System.nanoTime();
        for (String service : options.services()) {
            ServiceProcess.Spec spec = ServiceProcess.spec(service);
            ServiceProcess process = new ServiceProcess(spec, root, logDirectory, environmentOf(spec));
            services.add(process);
            started.add(process);
            process.start();
        }
        System.out.printf(Locale.ROOT, "[%5.1fs] launched %s%n", seconds(startNanos), String.join(", ", options.services()));
        if (!awaitReady(launchNanos)) {
            return false;
        }
        Instant warmupStart = clock.instant(); // the dashboard counts days from here, not from the launch
        if (options.seed() && options.services().equals(ServiceProcess.ALL_SERVICES)) {
            seeded = new Seed(keys).apply(hostRegistration(), external.mailwizz().isPresent());
            System.out.printf(Locale.ROOT, "[%5.1fs] seed applied: PowerMTA host %s, %d IPs of %s warming%n",
                    seconds(startNanos), Seed.HOST_ID, seeded.size(), String.join(" and ", ApiKeySet.TENANTS));
            if (pmta != null) {
                pmta.startTraffic();
            }
        }
        dashboard = new Dashboard(options.dashboardPort(), clock, warmupStart,
                EngineApi.of("warmup-service", keys.admin()), () -> seeded, this::mailwizzRows, this::pmtaRows, telegram);
        startComponent(dashboard, "Dashboard ready on " + dashboard.url());
        printSummary(launchNanos);
        return true;
    }

    /** Everything a service is told: database, Kafka, keys, and its part of the simulated world. */
    Map<String, String> environmentOf(ServiceProcess.Spec spec) {
        Map<String, String> environment = new LinkedHashMap<>(ServiceProcess.environment(
                spec, database.jdbcUrl(spec.database()), kafka.bootstrapServers(), keys));
        switch (spec.name()) {
            case "warmup-service" -> environment.putAll(SimulationEnvironment.warmup(clock, false, null, 0));
            case "pmta-config-service" -> environment.putAll(SimulationEnvironment.pmtaConfig(dkimEncryptionKey, clock, pmta != null));
            case "mailwizz-gateway" -> environment.putAll(SimulationEnvironment.mailwizzGateway(mailwizzEndpoint()));
            case "bounce-ingest-service" -> environment.putAll(SimulationEnvironment.bounceIngest(clock, pmtaEndpoint()));
            case "alerting-service" -> environment.putAll(external.telegram().isPresent()
                    ? ExternalSystems.telegramEnvironment(external.telegram().get()) : telegramEnvironment(telegram));
            default -> throw new IllegalStateException("unknown service " + spec.name());
        }
        return environment;
    }

    SimulationEnvironment.PmtaEndpoint pmtaEndpoint() {
        return external.pmta().orElseGet(() -> new SimulationEnvironment.PmtaEndpoint(Seed.HOST_ID, "127.0.0.1",
                options.sshPort(), "pmta", engineKeyFile.toString(), pmta.hostKeyFingerprint(),
                PMTA_INCLUDE_PATH, "/etc/pmta/dkim", "/var/log/pmta", ExternalSystems.ACCOUNTING_PATTERN));
    }

    SimulationEnvironment.MailwizzEndpoint mailwizzEndpoint() {
        return external.mailwizz().orElseGet(() -> {
            List<SimulationEnvironment.MailwizzTenant> tenants = new ArrayList<>();
            for (String tenant : ApiKeySet.TENANTS) {
                Map<String, Long> servers = new LinkedHashMap<>();
                SeedData.ofTenant(tenant).forEach(s -> servers.put(s.ip(), s.serverId()));
                // Both tenants are customers of the one simulated MailWizz: the gateway needs to know which is which.
                long customer = SeedData.ofTenant(tenant).get(0).customerId();
                tenants.add(tenant.equals("tenant-a")
                        ? new SimulationEnvironment.MailwizzTenant(tenant, 2, mailwizzKeys.tenantAKey(), null, customer, servers)
                        : new SimulationEnvironment.MailwizzTenant(tenant, 1, mailwizzKeys.tenantBPublic(),
                                mailwizzKeys.tenantBPrivate(), customer, servers));
            }
            return new SimulationEnvironment.MailwizzEndpoint(mailwizz.baseUrl(), mailwizz.jdbcUrl(),
                    mailwizz.databaseUser(), mailwizz.databasePassword(), tenants);
        });
    }

    private Seed.HostRegistration hostRegistration() {
        SimulationEnvironment.PmtaEndpoint endpoint = pmtaEndpoint();
        return new Seed.HostRegistration(endpoint.address(), endpoint.port(), endpoint.user(), endpoint.privateKeyFile(),
                endpoint.hostKeyFingerprint(), endpoint.includePath(), endpoint.dkimKeyDirectory());
    }

    private List<String[]> mailwizzRows() {
        List<String[]> rows = new ArrayList<>();
        if (mailwizz == null) {
            return rows;
        }
        rows.add(new String[] {"server", "name", "virtual MTA", "hourly quota", "daily quota", "quota writes"});
        var changes = mailwizz.quotaChanges();
        for (var server : mailwizz.deliveryServers()) {
            long writes = changes.stream().filter(c -> c.serverId() == server.serverId()).count();
            rows.add(new String[] {Long.toString(server.serverId()), server.name(), String.valueOf(server.virtualMta()),
                    Long.toString(server.hourlyQuota()), Long.toString(server.dailyQuota()), Long.toString(writes)});
        }
        return rows;
    }

    private List<String[]> pmtaRows() {
        List<String[]> rows = new ArrayList<>();
        if (pmta == null) {
            return rows;
        }
        rows.add(new String[] {"virtual MTA", "source IP", "gmail", "microsoft", "yahoo", "other (*)"});
        for (var vmta : pmta.liveConfig().virtualMtas().values()) {
            rows.add(new String[] {vmta.name(), vmta.sourceIp(), rate(vmta, "gmail.rollup"), rate(vmta, "microsoft.rollup"),
                    rate(vmta, "yahoo.rollup"), rate(vmta, "*")});
        }
        rows.add(new String[] {"reloads", Integer.toString(pmta.reloads().size()), "", "", "", ""});
        return rows;
    }

    private static String rate(io.emailengine.simulator.pmta.LiveConfig.VirtualMta vmta, String pattern) {
        var limits = vmta.domains().get(pattern);
        if (limits == null || limits.maxMsgRate() == null) {
            return "-";
        }
        return limits.paused() ? "paused" : limits.maxMsgRate().text();
    }

    private void startComponent(Component component, String readyMessage) {
        try {
            started.add(component);
            component.start();
            System.out.printf(Locale.ROOT, "[%5.1fs] %s%n", seconds(startNanos), readyMessage);
        } catch (Exception e) {
            throw new IllegalStateException(component.name() + " failed to start: " + describe(e), e);
        }
    }

    /** Polls every service's readiness until all are ready, one dies, or the timeout passes. */
    private boolean awaitReady(long launchNanos) throws InterruptedException {
        long deadline = launchNanos + options.timeout().toNanos();
        Set<ServiceProcess> pending = new LinkedHashSet<>(services);
        while (!pending.isEmpty()) {
            for (ServiceProcess service : new ArrayList<>(pending)) {
                if (!service.isAlive()) {
                    System.err.println();
                    System.err.println("FAILED: " + service.name() + " exited with code " + service.exitCode()
                            + " before it was ready. Last lines of " + root.relativize(service.logFile()) + ":");
                    printTail(service);
                    return false;
                }
                if (service.isReady()) {
                    pending.remove(service);
                    System.out.printf(Locale.ROOT, "[%5.1fs] %-22s ready (%.1f s after launch)%n",
                            seconds(startNanos), service.name(), seconds(launchNanos));
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                System.err.println();
                for (ServiceProcess service : pending) {
                    System.err.println("FAILED: " + service.name() + " not ready within " + options.timeout().toSeconds()
                            + " s (--timeout). Last lines of " + root.relativize(service.logFile()) + ":");
                    printTail(service);
                }
                return false;
            }
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
        return true;
    }

    private void printTail(ServiceProcess service) {
        for (String line : service.tailOfLog(LOG_LINES_ON_FAILURE)) {
            System.err.println("    | " + line);
        }
    }

    private void printSummary(long launchNanos) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("=".repeat(78));
        lines.add(String.format(Locale.ROOT, "Email-Engine sandbox is up: %d services ready in %.1f s (%.1f s after launch)",
                services.size(), seconds(startNanos), seconds(launchNanos)));
        lines.add("");
        for (ServiceProcess service : services) {
            lines.addAll(service.describe());
        }
        lines.add("");
        lines.addAll(kafka.describe());
        lines.addAll(database.describe());
        if (telegram != null) {
            lines.addAll(telegram.describe());
        }
        if (pmta != null) {
            lines.addAll(pmta.describe());
        }
        if (mailwizz != null) {
            lines.addAll(mailwizz.describe());
        }
        lines.addAll(dashboard.describe());
        lines.add("Simulated time: " + clock + " (one day = " + options.daySeconds() + " s)");
        lines.add("");
        lines.add("API keys (fresh at every start; send as header 'X-API-Key: <key>' or 'Authorization: Bearer <key>'):");
        lines.add("  admin     " + keys.admin().key());
        for (String tenant : ApiKeySet.TENANTS) {
            lines.add(String.format("  %-9s %s", tenant, keys.tenant(tenant).key()));
        }
        lines.add("Accounting ingest token (POST http://localhost:8084/api/v1/accounting, header 'X-Ingest-Token: <token>'):");
        lines.add("  sandbox   " + keys.ingestToken());
        lines.add("");
        lines.add("Logs: " + logDirectory + "/<service>.log");
        lines.add(options.exitWhenReady() ? "--exit-when-ready: stopping everything now" : "Ctrl-C to stop");
        lines.add("=".repeat(78));
        lines.forEach(System.out::println);
    }

    /** Keeps the launcher (and its main thread, see {@link ServiceProcess}) alive and reports services that die. */
    private void watchUntilStopped() {
        Set<ServiceProcess> reported = new LinkedHashSet<>();
        while (true) { // until the JVM exits: on Ctrl-C the shutdown hook stops everything
            for (ServiceProcess service : services) {
                if (!stopped.get() && !service.isAlive() && reported.add(service)) {
                    System.err.println("WARNING: " + service.name() + " exited with code " + service.exitCode()
                            + "; see " + service.logFile());
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * alerting-service talks to the simulator as it would to Telegram: its base URL, a bot token, an admin chat for
     * system alerts, one chat per tenant, and short group timers (the sandbox plays time fast).
     */
    static Map<String, String> telegramEnvironment(TelegramSimulator telegram) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMAIL_ENGINE_ALERTING_TELEGRAM_BASE_URL", telegram.baseUrl());
        env.put("EMAIL_ENGINE_ALERTING_TELEGRAM_BOT_TOKEN", telegram.token());
        env.put("EMAIL_ENGINE_ALERTING_ADMIN_CHAT_ID", "-1000000000001");
        for (int i = 0; i < ApiKeySet.TENANTS.size(); i++) {
            env.put("EMAIL_ENGINE_ALERTING_ROUTES_" + i + "_TENANT", ApiKeySet.TENANTS.get(i));
            env.put("EMAIL_ENGINE_ALERTING_ROUTES_" + i + "_CHAT_ID", String.valueOf(-1000000000002L - i));
        }
        env.put("EMAIL_ENGINE_ALERTING_GROUP_WAIT", "5s");
        env.put("EMAIL_ENGINE_ALERTING_GROUP_INTERVAL", "10s");
        env.put("EMAIL_ENGINE_ALERTING_REPEAT_INTERVAL", "30m");
        return env;
    }

    /** Where pmta-config-service writes its generated include file on the PowerMTA host. */
    static final String PMTA_INCLUDE_PATH = PmtaHostSimulator.ENGINE_INCLUDE_PATH;

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** The shared simulated clock of this run. */
    public AcceleratedClock clock() {
        return clock;
    }

    /** The PowerMTA host simulator (null when a real host is configured). */
    public PmtaHostSimulator pmta() {
        return pmta;
    }

    /** The MailWizz simulator (null when a real MailWizz is configured). */
    public MailwizzSimulator mailwizz() {
        return mailwizz;
    }

    /** The IPs the seed registered and started (empty with --no-seed). */
    public List<Seed.SeedIp> seeded() {
        return seeded;
    }

    /** One of the running services, e.g. to kill and restart it. */
    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service " + name + " is not running in this sandbox"));
    }

    /** The Telegram simulator of this run. */
    public TelegramSimulator telegram() {
        return telegram;
    }

    /** The keys this run generated (printed in the summary). */
    public ApiKeySet keys() {
        return keys;
    }

    /** Stops services (all at once, 10 s grace each), then the other components in reverse start order. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long stopNanos = System.nanoTime();
        System.out.println("Stopping the sandbox...");
        List<Component> components;
        synchronized (started) {
            components = new ArrayList<>(started);
        }
        Collections.reverse(components);
        components.stream().filter(ServiceProcess.class::isInstance).map(ServiceProcess.class::cast)
                .forEach(ServiceProcess::requestStop);
        for (Component component : components) {
            try {
                component.stop();
            } catch (RuntimeException e) {
                System.err.println("Stopping " + component.name() + " failed: " + e);
            }
        }
        System.out.printf(Locale.ROOT, "Sandbox stopped (%.1f s)%n", seconds(stopNanos));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.toString() : message;
    }
}
