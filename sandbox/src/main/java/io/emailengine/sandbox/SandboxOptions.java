package io.emailengine.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Command line options ({@code --key=value}); each can also be given as the system property {@code sandbox.key}
 * (the command line wins).
 */
public record SandboxOptions(
        int kafkaPort,
        int postgresPort,
        int telegramPort,
        int dashboardPort,
        int sshPort,
        int mailwizzPort,
        int mariadbPort,
        int daySeconds,
        boolean seed,
        boolean incidents,
        Duration timeout,
        List<String> services,
        boolean exitWhenReady,
        boolean help) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** Not 5432, so that a PostgreSQL server already running on the machine does not get in the way. */
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    public static final int DEFAULT_TELEGRAM_PORT = 8090;
    public static final int DEFAULT_DASHBOARD_PORT = 8080;
    public static final int DEFAULT_SSH_PORT = 2222;
    public static final int DEFAULT_MAILWIZZ_PORT = 8091;
    public static final int DEFAULT_MARIADB_PORT = 13306;
    /** One warmup day in 30 s: the 42-day plan plays in 21 minutes. */
    public static final int DEFAULT_DAY_SECONDS = 30;

    static final String USAGE = """
            Usage: ./run-local.sh [--no-build] [options]
              --kafka-port=N        Kafka broker port (default 9092)
              --postgres-port=N     PostgreSQL port (default 15432)
              --telegram-port=N     Telegram simulator port (default 8090)
              --dashboard-port=N    the sandbox page: warmup curves, decisions, quotas, alerts (default 8080)
              --ssh-port=N          PowerMTA host simulator, SSH/SFTP (default 2222)
              --mailwizz-port=N     MailWizz simulator, HTTP API (default 8091)
              --mariadb-port=N      MailWizz simulator's MariaDB (default 13306)
              --day-seconds=N       real seconds per simulated day (default 30; 86400 = real time)
              --no-seed             start empty: no PowerMTA host, IPs or warmups registered
              --no-incidents        no scripted incidents (by default: a Gmail 421-4.7.28 burst on 203.0.113.10 on
                                    day 10 and a Yahoo TSS04 episode on 203.0.113.11 on day 16)
              --timeout=SECONDS     how long to wait for all services to be ready (default 90)
              --services=a,b        start only these services (default: all of %s)
              --exit-when-ready     start everything, wait until ready, print the summary, stop and exit 0
              --help                this text
            Every option can also be set as a system property sandbox.<name>, e.g. -Dsandbox.kafka-port=19092.
            """.formatted(String.join(", ", ServiceProcess.ALL_SERVICES));

    public SandboxOptions {
        services = List.copyOf(services);
    }

    public static SandboxOptions parse(String[] args) {
        return parse(args, System.getProperties());
    }

    static SandboxOptions parse(String[] args, Properties systemProperties) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("sandbox.")) {
                values.put(name.substring("sandbox.".length()), systemProperties.getProperty(name));
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': options look like --name=value");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }

        int kafkaPort = DEFAULT_KAFKA_PORT;
        int postgresPort = DEFAULT_POSTGRES_PORT;
        int telegramPort = DEFAULT_TELEGRAM_PORT;
        int dashboardPort = DEFAULT_DASHBOARD_PORT;
        int sshPort = DEFAULT_SSH_PORT;
        int mailwizzPort = DEFAULT_MAILWIZZ_PORT;
        int mariadbPort = DEFAULT_MARIADB_PORT;
        int daySeconds = DEFAULT_DAY_SECONDS;
        boolean seed = true;
        boolean incidents = true;
        Duration timeout = DEFAULT_TIMEOUT;
        List<String> services = ServiceProcess.ALL_SERVICES;
        boolean exitWhenReady = false;
        boolean help = false;
        for (Map.Entry<String, String> option : values.entrySet()) {
            String name = option.getKey();
            String value = option.getValue().trim();
            switch (name) {
                case "kafka-port" -> kafkaPort = port(name, value);
                case "postgres-port" -> postgresPort = port(name, value);
                case "telegram-port" -> telegramPort = port(name, value);
                case "dashboard-port" -> dashboardPort = port(name, value);
                case "ssh-port" -> sshPort = port(name, value);
                case "mailwizz-port" -> mailwizzPort = port(name, value);
                case "mariadb-port" -> mariadbPort = port(name, value);
                case "day-seconds" -> daySeconds = daySeconds(name, value);
                case "no-seed" -> seed = !bool(name, value);
                case "no-incidents" -> incidents = !bool(name, value);
                case "timeout" -> timeout = Duration.ofSeconds(positive(name, value));
                case "services" -> services = services(value);
                case "exit-when-ready" -> exitWhenReady = bool(name, value);
                case "help" -> help = bool(name, value);
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        List<Integer> ports = List.of(kafkaPort, postgresPort, telegramPort, dashboardPort, sshPort, mailwizzPort, mariadbPort);
        if (ports.stream().distinct().count() != ports.size() || ServiceProcess.SPECS.stream().anyMatch(s -> ports.contains(s.port()))) {
            throw new IllegalArgumentException("--kafka-port, --postgres-port, --telegram-port, --dashboard-port, --ssh-port, "
                    + "--mailwizz-port and --mariadb-port must differ from each other and from the services' ports 8081-8085");
        }
        return new SandboxOptions(kafkaPort, postgresPort, telegramPort, dashboardPort, sshPort, mailwizzPort, mariadbPort,
                daySeconds, seed, incidents, timeout, services, exitWhenReady, help);
    }

    private static int port(String name, String value) {
        int port = positive(name, value);
        if (port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a port number (1-65535), got '" + value + "'");
        }
        return port;
    }

    private static int daySeconds(String name, String value) {
        int seconds = positive(name, value);
        if (seconds < 5 || seconds > 86_400) {
            throw new IllegalArgumentException("--" + name + " must be between 5 and 86400 seconds, got '" + value + "'");
        }
        return seconds;
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + value + "'");
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase()) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " takes no value (or true/false), got '" + value + "'");
        };
    }

    private static List<String> services(String value) {
        List<String> services = new ArrayList<>();
        for (String service : value.split(",")) {
            String name = service.trim();
            if (name.isEmpty() || services.contains(name)) {
                continue;
            }
            if (!ServiceProcess.ALL_SERVICES.contains(name)) {
                throw new IllegalArgumentException("Unknown service '" + name + "' in --services; known: "
                        + String.join(",", ServiceProcess.ALL_SERVICES));
            }
            services.add(name);
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("--services names no service");
        }
        // keep the canonical order so ports, logs and the summary always line up
        return ServiceProcess.ALL_SERVICES.stream().filter(services::contains).toList();
    }
}
