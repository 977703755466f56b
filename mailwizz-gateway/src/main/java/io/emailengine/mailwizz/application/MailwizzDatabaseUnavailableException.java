package io.emailengine.mailwizz.application;

/** MailWizz's database could not be reached or refused the statement; the write is kept and retried. */
public class MailwizzDatabaseUnavailableException extends RuntimeException {

    public MailwizzDatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
