package io.emailengine.warmup.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * How often one provider signal code was seen for one IP × provider in one minute bucket, by source.
 * Bounce ingestion reports a signal twice (one {@code BounceReceived} per accounting record and a count in
 * the {@code DeliveryReport} aggregate), so a count is the larger of the two sources, never the sum.
 *
 * @param bucketStart start of the minute the signals were logged in (the accounting record's time)
 * @param bounces     signals counted from BounceReceived events
 * @param reported    signals counted from DeliveryReport aggregates
 */
public record SignalCount(String code, Instant bucketStart, long bounces, long reported) {

    public SignalCount {
        if (code == null || code.isBlank() || bucketStart == null) {
            throw new IllegalArgumentException("a signal count needs a code and a bucket start");
        }
        if (bounces < 0 || reported < 0) {
            throw new IllegalArgumentException("signal counts must be >= 0");
        }
        code = code.toLowerCase(Locale.ROOT);
    }
}
