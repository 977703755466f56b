package io.emailengine.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Access to the golden samples in {@code src/test/resources/golden}. */
final class Golden {

    private Golden() {
    }

    static String resource(String path) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String path(EventType type) {
        return "golden/" + type.logicalName() + ".json";
    }

    static String json(EventType type) {
        return resource(path(type));
    }
}
