package io.emailengine.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.emailengine.events.types.InvalidValueException;

import java.io.IOException;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place that defines the wire format of events. Services must read and write events
 * through this class rather than their own ObjectMapper, so that every producer writes the same
 * bytes and every consumer reports bad input the same way.
 *
 * <p>Wire rules: envelope and payload fields in record order, instants and durations as ISO-8601
 * strings, enums and value types as plain lowercase strings, absent optional fields omitted,
 * unknown fields ignored on read. Every failure is an {@link InvalidEventException}; no Jackson
 * exception escapes. Thread-safe.
 */
public final class EventJson {

    private final ObjectMapper mapper;
    private final ObjectWriter prettyWriter;

    public EventJson() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // Consumers must tolerate fields added by newer producers.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A count sent as "12" or a duplicated key is a producer bug, not something to guess at.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.prettyWriter = mapper.writer(prettyPrinter());
    }

    /** A copy of the configured mapper, so a caller's tweaks cannot change the wire format for others. */
    public ObjectMapper mapper() {
        return mapper.copy();
    }

    public String write(EventEnvelope<?> event) {
        try {
            return mapper.writeValueAsString(Objects.requireNonNull(event, "event"));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot serialise " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** UTF-8 bytes, as put on Kafka. */
    public byte[] writeBytes(EventEnvelope<?> event) {
        try {
            return mapper.writeValueAsBytes(Objects.requireNonNull(event, "event"));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot serialise " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Two-space indented with a trailing newline: the form of the golden files and documentation. */
    public String writePretty(EventEnvelope<?> event) {
        try {
            return prettyWriter.writeValueAsString(Objects.requireNonNull(event, "event")) + "\n";
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot serialise " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }

    public EventEnvelope<?> read(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return bind(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw unparseable(e);
        }
    }

    public EventEnvelope<?> read(byte[] json) {
        Objects.requireNonNull(json, "json");
        try {
            return bind(mapper.readTree(json));
        } catch (IOException e) {
            throw unparseable(e);
        }
    }

    /** Reads an event that must be of one type, e.g. in a listener bound to that type's topic. */
    @SuppressWarnings("unchecked")
    public <P extends EventPayload> EventEnvelope<P> read(String json, Class<P> expected) {
        EventEnvelope<?> event = read(json);
        EventType expectedType = EventType.of(expected);
        if (event.eventType() != expectedType) {
            throw new InvalidEventException("expected event type '" + expectedType.logicalName()
                    + "' but got '" + event.type() + "'");
        }
        return (EventEnvelope<P>) event;
    }

    private EventEnvelope<?> bind(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("an event must be a JSON object");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidEventException("missing required field 'type'");
        }
        if (!typeNode.isTextual()) {
            throw new InvalidEventException("type: must be a string");
        }
        EventType type = EventType.ofLogicalName(typeNode.textValue());
        RequiredFields.check(root, type);
        JavaType envelopeType = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, type.payloadType());
        try {
            return mapper.readerFor(envelopeType).readValue(root);
        } catch (JsonMappingException e) {
            throw invalidValue(type, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidEventException(type.logicalName() + ": " + e.getMessage(), e);
        }
    }

    private static InvalidEventException unparseable(IOException e) {
        String where = "";
        if (e instanceof JacksonException jackson && jackson.getLocation() != null) {
            JsonLocation location = jackson.getLocation();
            where = " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        String detail = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return new InvalidEventException("unparseable JSON" + where + ": " + detail, e);
    }

    /** Names the field by its path and says why, without Jackson's Java-centric wording where possible. */
    private static InvalidEventException invalidValue(EventType type, JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        String prefix = type.logicalName() + ": " + (path.isEmpty() ? "" : path + ": ");
        return new InvalidEventException(prefix + reason(e), e);
    }

    private static String reason(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidValueException invalid) {
                return invalid.reason();
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                return cause.getMessage();
            }
        }
        if (e instanceof InvalidFormatException format) {
            return "invalid " + typeName(format.getTargetType()) + " '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "wrong JSON type, expected " + typeName(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String typeName(Class<?> type) {
        return type == null ? "another type" : type.getSimpleName();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
