package io.emailengine.warmup.application;

/** Who asks: the API key's name (recorded in the audit log) and whether it has the admin scope. */
public record Actor(String name, boolean admin) {
}
