package io.emailengine.mailwizz.application;

/**
 * A MailWizz call that did not succeed, classified by what the caller should do about it. The message
 * never holds a key, a signature or a password: only the endpoint template, the HTTP status and
 * MailWizz's own error text.
 */
public class MailwizzCallException extends RuntimeException {

    /** What a failed call means for the caller. */
    public enum Kind {
        /** 400: bad key, bad signature, IP not allowed or route not permitted. Retrying cannot help; alert. */
        AUTH(false),
        /** 403: a MailWizz limit, or the web server blocks the verb. */
        FORBIDDEN(false),
        /** 404: the list, subscriber, campaign or delivery log does not exist. */
        NOT_FOUND(false),
        /** 409: subscriber exists, blacklisted, quota reached, locked. */
        CONFLICT(false),
        /** 422: validation failed (also: a duplicate campaign bounce). */
        VALIDATION(false),
        /** Any other 4xx, or an answer that is not MailWizz's envelope. */
        REJECTED(false),
        /** 5xx (503 = offline), I/O error, timeout, open circuit: retry later and converge. */
        UNAVAILABLE(true);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final int status;

    public MailwizzCallException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public MailwizzCallException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }
}
