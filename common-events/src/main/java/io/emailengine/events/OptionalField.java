package io.emailengine.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of an event that may be absent (null, and omitted on the wire).
 * Every other component is required: {@link EventJson} reads this marker to report a missing
 * field by its path, and a test checks that the JSON schemas list the same required fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OptionalField {
}
