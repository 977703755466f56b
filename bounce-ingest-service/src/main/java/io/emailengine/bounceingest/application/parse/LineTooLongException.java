package io.emailengine.bounceingest.application.parse;

import java.io.IOException;

/** A physical line exceeded the bound; reading stops there so memory stays bounded. */
public class LineTooLongException extends IOException {

    public LineTooLongException(int maxChars) {
        super("line longer than " + maxChars + " characters");
    }
}
