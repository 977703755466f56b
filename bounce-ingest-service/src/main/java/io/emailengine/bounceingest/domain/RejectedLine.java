package io.emailengine.bounceingest.domain;

/**
 * A line that could not be taken as an accounting record: where it is, why, and a bounded excerpt
 * so an operator can see it without the service keeping unbounded input.
 */
public record RejectedLine(long line, String reason, String excerpt) {

    public static final int MAX_EXCERPT = 1000;

    public RejectedLine {
        excerpt = excerpt == null || excerpt.length() <= MAX_EXCERPT ? excerpt : excerpt.substring(0, MAX_EXCERPT);
    }
}
