package io.emailengine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resident memory of this process and everything it started (service JVMs, PostgreSQL, MariaDB), read from Linux's
 * {@code /proc/<pid>/status} ({@code VmRSS}). Shared pages are counted once per process, so the sum is an upper bound.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** The summed resident set of this JVM and all its descendants, in bytes (0 where /proc is not there). */
    public static long residentBytesOfTree() {
        List<Long> pids = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .map(ProcessHandle::pid).toList();
        return pids.stream().mapToLong(ProcessMemory::residentBytes).sum();
    }

    static long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile, or no /proc
        }
    }
}
