package io.emailengine.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
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
 * The whole system on one machine: embedded PostgreSQL and Kafka, then the services as child JVMs, all started in
 * parallel; waits until each reports ready, prints where everything is, and stops everything on Ctrl-C.
 * <p>
 * Run from the repository root (as {@code ./run-local.sh} does): the service jars are found at
 * {@code <module>/target/<module>.jar} and state goes to {@code .sandbox/}. More components (the simulators) are added
 * as further {@link Component}s started after the infrastructure.
 */
public final class Sandbox {

    private static final int LOG_LINES_ON_FAILURE = 40;

    private final SandboxOptions options;
    private final Path root;
    private final Path stateDirectory;
    private final Path logDirectory;
    private final long startNanos = System.nanoTime();
    private final ApiKeySet keys = ApiKeySet.generate();
    private final EmbeddedDatabase database;
    private final EmbeddedKafka kafka;
    private final TelegramSimulator telegram;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Everything started so far, in start order; stopped in reverse. */
    private final List<Component> started = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopped = new AtomicBoolean();

    public Sandbox(SandboxOptions options, Path root) {
        this.options = options;
        this.root = root.toAbsolutePath().normalize();
        this.stateDirectory = this.root.resolve(".sandbox");
        this.logDirectory = stateDirectory.resolve("logs");
        List<String> databases = options.services().stream().map(s -> ServiceProcess.spec(s).database()).toList();
        this.database = new EmbeddedDatabase(options.postgresPort(), stateDirectory.resolve("postgres"), databases);
        this.kafka = new EmbeddedKafka(options.kafkaPort());
        this.telegram = new TelegramSimulator(options.telegramPort());
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

    /** Starts everything; returns whether all services became ready (failures are printed). */
    public boolean start() throws Exception {
        for (String service : options.services()) {
            ServiceProcess.Spec spec = ServiceProcess.spec(service);
            Path jar = root.resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist: build first (./run-local.sh without "
                        + "--no-build, or ./mvnw -B -DskipTests install)");
            }
        }
        Files.createDirectories(logDirectory);
        System.out.println("Email-Engine sandbox: starting PostgreSQL, Kafka and " + options.services().size()
                + " services (state and logs in " + root.relativize(stateDirectory) + "/)");

        // PostgreSQL and Kafka start in parallel: both are mostly waiting (initdb, KRaft election)
        CompletableFuture<Void> postgres = CompletableFuture.runAsync(() -> startComponent(database,
                "PostgreSQL ready on localhost:" + database.port() + " (" + options.services().size() + " databases)"));
        startComponent(kafka, "Kafka ready on " + kafka.bootstrapServers());
        try {
            postgres.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }

        startComponent(telegram, "Telegram simulator ready on " + telegram.baseUrl());

        // children are started from this (main) thread: their parent-death signal is tied to it
        long launchNanos = System.nanoTime();
        for (String service : options.services()) {
            ServiceProcess.Spec spec = ServiceProcess.spec(service);
            Map<String, String> environment = new LinkedHashMap<>(ServiceProcess.environment(
                    spec, database.jdbcUrl(spec.database()), kafka.bootstrapServers(), keys));
            if (spec.name().equals("alerting-service")) {
                environment.putAll(telegramEnvironment(telegram));
            }
            ServiceProcess process = new ServiceProcess(spec, root, logDirectory, environment);
            services.add(process);
            started.add(process);
            process.start();
        }
        System.out.printf(Locale.ROOT, "[%5.1fs] launched %s%n", seconds(startNanos), String.join(", ", options.services()));
        if (!awaitReady(launchNanos)) {
            return false;
        }
        printSummary(launchNanos);
        return true;
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
        lines.addAll(telegram.describe());
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

    /** Stops services (all at once, 10 s grace each), then the other components in reverse start order. */
    /**
     * alerting-service talks to the simulator as it would to Telegram: its base URL, a bot token, an admin chat for
     * system alerts, one chat per tenant, and a short group wait (the sandbox plays time fast).
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
        return env;
    }

    /** The Telegram simulator of this run. */
    public TelegramSimulator telegram() {
        return telegram;
    }

    /** The keys this run generated (printed in the summary). */
    public ApiKeySet keys() {
        return keys;
    }

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
