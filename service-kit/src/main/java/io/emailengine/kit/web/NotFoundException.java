package io.emailengine.kit.web;

/** A resource that does not exist, or that the caller's tenant may not see. Answers 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
