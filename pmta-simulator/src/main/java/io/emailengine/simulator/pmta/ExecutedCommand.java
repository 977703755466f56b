package io.emailengine.simulator.pmta;

import java.time.Instant;

/** One exec request: the command line as received, its exit code and output, and when (real time). */
public record ExecutedCommand(Instant realTime, String command, int exitCode, String output) {
}
