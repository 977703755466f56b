package io.emailengine.bounceingest.application;

import io.emailengine.bounceingest.domain.InterpretedRecord;

/** A record kept aside because no tenant owns its IP (or it names none); never dropped. */
public record Unattributed(InterpretedRecord record, String reason) {
}
