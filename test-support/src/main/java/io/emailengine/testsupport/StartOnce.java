package io.emailengine.testsupport;

import java.util.function.Supplier;

/**
 * A server shared by every test of a JVM: started on the first {@link #get()} (thread-safe), never
 * twice. A failed start is remembered, so later tests fail fast with the first cause instead of
 * waiting for another doomed start.
 */
final class StartOnce<T> {

    private final String what;
    private final Supplier<T> starter;
    private volatile T value;
    private RuntimeException failure;

    StartOnce(String what, Supplier<T> starter) {
        this.what = what;
        this.starter = starter;
    }

    T get() {
        T current = value;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (value == null) {
                if (failure != null) {
                    throw new IllegalStateException(what + " for tests failed to start earlier in this JVM", failure);
                }
                try {
                    value = starter.get();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return value;
        }
    }
}
