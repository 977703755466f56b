package io.emailengine.warmup.application;

/** Warmup refused because a required DNS readiness check failed; answered as 409 with the report. */
public class NotReadyException extends RuntimeException {

    private final ReadinessCheck.Report report;

    public NotReadyException(String ip, ReadinessCheck.Report report) {
        super("IP " + ip + " is not ready to warm: a required DNS check failed");
        this.report = report;
    }

    public ReadinessCheck.Report report() {
        return report;
    }
}
