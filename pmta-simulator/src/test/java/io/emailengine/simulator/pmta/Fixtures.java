package io.emailengine.simulator.pmta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

final class Fixtures {

    static final String GOLDEN = "pmta/engine-two-tenants.conf";
    static final String EXISTING = "pmta/existing-config.conf";

    private Fixtures() {
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs a file on the host (as the engine's SFTP upload would) and returns the local path. */
    static Path install(PmtaHostSimulator host, String remotePath, String content) {
        try {
            Path local = host.local(remotePath);
            Files.createDirectories(local.getParent());
            Files.writeString(local, content, StandardCharsets.UTF_8);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
