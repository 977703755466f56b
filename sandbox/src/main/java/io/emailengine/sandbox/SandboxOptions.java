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
        Duration timeout,
        List<String> services,
        boolean exitWhenReady,
        boolean help) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** Not 5432, so that a PostgreSQL server already running on the machine does not get in the way. */
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    public static final int DEFAULT_TELEGRAM_PORT = 8090;

    static final String USAGE = """
            Usage: ./run-local.sh [--no-build] [options]
              --kafka-port=N        Kafka broker port (default 9092)
              --postgres-port=N     PostgreSQL port (default 15432)
              --telegram-port=N     Telegram simulator port (default 8090)
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
                case "timeout" -> timeout = Duration.ofSeconds(positive(name, value));
                case "services" -> services = services(value);
                case "exit-when-ready" -> exitWhenReady = bool(name, value);
                case "help" -> help = bool(name, value);
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        if (kafkaPort == postgresPort || telegramPort == kafkaPort || telegramPort == postgresPort) {
            throw new IllegalArgumentException("--kafka-port, --postgres-port and --telegram-port must differ");
        }
        return new SandboxOptions(kafkaPort, postgresPort, telegramPort, timeout, services, exitWhenReady, help);
    }

    private static int port(String name, String value) {
        int port = positive(name, value);
        if (port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a port number (1-65535), got '" + value + "'");
        }
        return port;
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
