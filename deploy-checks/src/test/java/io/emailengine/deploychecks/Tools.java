package io.emailengine.deploychecks;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real tools the checks run (docker-compose, promtool, kubectl). CI installs them
 * (.ci/install-prerequisites) and a missing one fails there; on a developer's machine without
 * them, the check is reported as skipped, naming what to install.
 */
final class Tools {

    private Tools() {
    }

    static Path projectRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    static void require(String tool) {
        if (onPath(tool)) {
            return;
        }
        String message = tool + " is not on the PATH; install it with: bash .ci/install-prerequisites";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    static Result run(Path directory, String... command) {
        try {
            Path output = Files.createTempFile("tool-output", ".txt");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 120 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    record Result(int exitCode, String output) {
    }
}
