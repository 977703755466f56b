package io.emailengine.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Email-Engine service run as a child JVM from its executable jar ({@code <module>/target/<module>.jar}), with
 * its output in {@code .sandbox/logs/<service>.log}.
 * <p>
 * Where util-linux is there, the child is started as {@code setsid setpriv --pdeathsig TERM -- java ...}: both exec,
 * so the pid stays the child's. {@code setsid} keeps Ctrl-C in the terminal away from it (the launcher stops it, in
 * order), and the parent-death signal stops it even when the launcher is killed with SIGKILL. The signal fires when
 * the thread that started the child ends, so children are started from the launcher's main thread, which lives as long
 * as the launcher.
 */
public final class ServiceProcess implements Component {

    /** A service: its module (and jar) name, HTTP port and database. */
    public record Spec(String name, int port, String database) {
    }

    public static final List<Spec> SPECS = List.of(
            new Spec("warmup-service", 8081, "warmup"),
            new Spec("pmta-config-service", 8082, "pmta_config"),
            new Spec("mailwizz-gateway", 8083, "mailwizz"),
            new Spec("bounce-ingest-service", 8084, "bounce_ingest"),
            new Spec("alerting-service", 8085, "alerting"));

    public static final List<String> ALL_SERVICES = SPECS.stream().map(Spec::name).toList();

    static final List<String> JVM_OPTIONS = List.of(
            "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:CICompilerCount=1",
            "-Djava.security.egd=file:/dev/./urandom");

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final boolean WRAPPERS = Files.isExecutable(Paths.get("/usr/bin/setsid"))
            && Files.isExecutable(Paths.get("/usr/bin/setpriv"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Spec spec;
    private final Path jar;
    private final Path logFile;
    private final Map<String, String> environment;
    private Process process;

    public ServiceProcess(Spec spec, Path root, Path logDirectory, Map<String, String> environment) {
        this.spec = spec;
        this.jar = root.resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar").toAbsolutePath();
        this.logFile = logDirectory.resolve(spec.name() + ".log").toAbsolutePath();
        this.environment = Map.copyOf(environment);
    }

    public static Spec spec(String name) {
        return SPECS.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service " + name));
    }

    /** The environment of a service: its database, Kafka, HTTP port, open API docs and the API key hashes. */
    public static Map<String, String> environment(Spec spec, String jdbcUrl, String bootstrapServers, ApiKeySet keys) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMAIL_ENGINE_DATABASE_URL", jdbcUrl);
        env.put("EMAIL_ENGINE_DATABASE_USERNAME", EmbeddedDatabase.USERNAME);
        env.put("EMAIL_ENGINE_DATABASE_PASSWORD", EmbeddedDatabase.PASSWORD);
        env.put("EMAIL_ENGINE_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SERVER_PORT", Integer.toString(spec.port()));
        env.put("EMAIL_ENGINE_SECURITY_OPEN_API_DOCS", "true");
        env.putAll(keys.environment());
        if (spec.name().equals("bounce-ingest-service")) {
            env.putAll(keys.ingestEnvironment());
        }
        return env;
    }

    @Override
    public String name() {
        return spec.name();
    }

    public Spec spec() {
        return spec;
    }

    public Path logFile() {
        return logFile;
    }

    public String url() {
        return "http://localhost:" + spec.port();
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        if (WRAPPERS) {
            command.addAll(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--pdeathsig", "TERM", "--"));
        }
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(Arrays.asList("-jar", jar.toString()));
        return command;
    }

    @Override
    public void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(spec.name() + ": " + jar + " does not exist; build first "
                    + "(./run-local.sh without --no-build, or ./mvnw -DskipTests install)");
        }
        Ports.requireFree(spec.port(), spec.name());
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(logFile.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** Whether {@code /actuator/health/readiness} answers 200 right now. */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the child to stop (SIGTERM: Spring Boot shuts down gracefully); {@link #awaitStop()} then waits. */
    void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits up to 10 s for the child after {@link #requestStop()}, then kills it. */
    void awaitStop() {
        Process child = process;
        if (child == null) {
            return;
        }
        try {
            if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(spec.name() + " did not stop within " + STOP_GRACE.toSeconds() + " s: killing it");
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        requestStop();
        awaitStop();
    }

    /** Kills the child at once (SIGKILL), as a crash or an OOM kill would: no graceful shutdown of anything. */
    public void kill() throws InterruptedException {
        Process child = process;
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(spec.name() + " did not die within 10 s of SIGKILL");
            }
        }
    }

    /** Starts the child again after it stopped or was killed (same environment, log appended). */
    public void restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(spec.name() + " is still running");
        }
        start();
    }

    @Override
    public List<String> describe() {
        return List.of(
                String.format("%-22s %s", spec.name(), url()),
                String.format("%-22s   Swagger UI  %s/swagger-ui.html", "", url()),
                String.format("%-22s   Prometheus  %s/actuator/prometheus", "", url()),
                String.format("%-22s   database    %s", "", environment.get("EMAIL_ENGINE_DATABASE_URL")));
    }

    /** The last {@code count} lines of the service's log, for error messages. */
    public List<String> tailOfLog(int count) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }
}
