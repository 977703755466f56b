package io.emailengine.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Map;

/**
 * Finds the first required field missing from an event's JSON, before Jackson binds it.
 *
 * <p>Jackson would bind a missing field as null (or 0 for a primitive) and the record would then
 * fail without saying where; walking the records' components gives the field's full path
 * ({@code payload.vmta.ip}). Required means "not marked {@link OptionalField}".
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static void check(JsonNode envelope, EventType type) {
        checkRecord(envelope, EventEnvelope.class, type, "");
    }

    private static void checkRecord(JsonNode node, Class<?> recordType, EventType type, String prefix) {
        for (RecordComponent component : recordType.getRecordComponents()) {
            String path = prefix + component.getName();
            JsonNode child = node.get(component.getName());
            if (child == null || child.isNull()) {
                if (component.isAnnotationPresent(OptionalField.class)) {
                    continue;
                }
                throw new InvalidEventException(type.logicalName() + ": missing required field '" + path + "'");
            }
            checkNested(child, componentType(component, type), component.getGenericType(), type, path);
        }
    }

    private static void checkNested(JsonNode child, Class<?> childType, Type genericType, EventType type, String path) {
        if (!child.isObject()) {
            return; // a value type, or a wrong JSON type that binding reports with its own message
        }
        if (childType.isRecord()) {
            checkRecord(child, childType, type, path + ".");
        } else if (Map.class.isAssignableFrom(childType) && genericType instanceof ParameterizedType map
                && map.getActualTypeArguments()[1] instanceof Class<?> valueType && valueType.isRecord()) {
            child.fields().forEachRemaining(entry -> {
                if (entry.getValue().isObject()) {
                    checkRecord(entry.getValue(), valueType, type, path + "." + entry.getKey() + ".");
                }
            });
        }
    }

    /** The envelope's {@code P payload} is a type variable; its record class comes from the event type. */
    private static Class<?> componentType(RecordComponent component, EventType type) {
        return component.getGenericType() instanceof TypeVariable<?> ? type.payloadType() : component.getType();
    }
}
