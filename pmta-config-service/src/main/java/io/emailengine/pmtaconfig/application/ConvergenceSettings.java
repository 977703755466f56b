package io.emailengine.pmtaconfig.application;

import java.time.Duration;

/**
 * @param debounce         quiet time after the last desired change before a host is deployed (coalesces bursts)
 * @param fullCheckEvery   how often a converged host is re-rendered and compared anyway (restart, drift)
 * @param retryBackoffMin  first wait after a failed deployment; doubles per consecutive failure
 * @param retryBackoffMax  cap of that wait
 */
public record ConvergenceSettings(Duration debounce, Duration fullCheckEvery, Duration retryBackoffMin,
                                  Duration retryBackoffMax) {

    public Duration backoffAfter(int consecutiveFailures) {
        Duration wait = retryBackoffMin;
        for (int i = 1; i < consecutiveFailures && wait.compareTo(retryBackoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : wait;
    }
}
