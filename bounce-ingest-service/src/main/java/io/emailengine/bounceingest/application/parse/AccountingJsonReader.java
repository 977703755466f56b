package io.emailengine.bounceingest.application.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.RejectedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams PowerMTA JSON accounting records: NDJSON (one object per line; a bad line is rejected and
 * the next one read) or one JSON array (read element by element; a syntax error ends the read there
 * because JSON cannot be resynchronised). Scalars become text; nested values are kept as their JSON text.
 */
public final class AccountingJsonReader {

    private static final int MAX_FIELDS = 512;
    /** Only to copy a nested value verbatim as its JSON text. */
    private static final ObjectMapper TREES = new ObjectMapper();

    private final int maxLineChars;
    private final JsonFactory factory;

    public AccountingJsonReader(int maxLineChars) {
        this.maxLineChars = maxLineChars;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxLineChars).maxNestingDepth(16).build())
                .build();
    }

    public void readNdjson(Reader input, RecordSink sink) {
        BufferedReader lines = new BufferedReader(new BoundedLineReader(input, maxLineChars), 64 * 1024);
        long lineNumber = 0;
        boolean seenRecord = false;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try (JsonParser parser = factory.createParser(new StringReader(line))) {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    Map<String, String> fields = readObject(parser);
                    if (parser.nextToken() != null) {
                        throw new IllegalArgumentException("more than one JSON value on the line");
                    }
                    sink.record(new AccountingRecord(lineNumber, fields));
                    seenRecord = true;
                } catch (IllegalArgumentException | JsonProcessingException e) {
                    if (!seenRecord) {
                        throw new NotAccountingDataException("line " + lineNumber
                                + ": expected one PowerMTA JSON accounting record per line: " + shortMessage(e));
                    }
                    sink.rejected(new RejectedLine(lineNumber, "malformed JSON: " + shortMessage(e), line));
                }
            }
        } catch (LineTooLongException e) {
            sink.rejected(new RejectedLine(lineNumber + 1, e.getMessage() + "; the rest of the input was not read", null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void readArray(Reader input, RecordSink sink) {
        long element = 0;
        try (JsonParser parser = factory.createParser(input)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw new NotAccountingDataException("not JSON: " + shortMessage(e));
            }
            if (first != JsonToken.START_ARRAY) {
                throw new NotAccountingDataException("a JSON body must be an array of PowerMTA accounting records");
            }
            while (true) {
                JsonToken token;
                long line = parser.currentLocation().getLineNr();
                try {
                    token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        return;
                    }
                    element++;
                    line = parser.currentLocation().getLineNr();
                    if (token != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        sink.rejected(new RejectedLine(line, "element " + element + " is not a JSON object", null));
                        continue;
                    }
                    sink.record(new AccountingRecord(line, readObject(parser)));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    sink.rejected(new RejectedLine(line, "malformed JSON at element " + element + ": " + shortMessage(e)
                            + "; the rest of the input was not read", null));
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the object the parser is at (START_OBJECT consumed) into column name -> non-empty text. */
    private static Map<String, String> readObject(JsonParser parser) throws IOException {
        Map<String, String> fields = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            String text = switch (value) {
                case VALUE_NULL -> null;
                case START_OBJECT, START_ARRAY -> TREES.readTree(parser).toString();
                default -> parser.getText();
            };
            if (text != null && !text.isEmpty()) {
                fields.put(name, text);
            }
            if (fields.size() > MAX_FIELDS) {
                throw new IllegalArgumentException("record has more than " + MAX_FIELDS + " fields");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("unexpected " + token + " in a record");
        }
        return fields;
    }

    private static String shortMessage(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\p{Cntrl}", " ");
    }
}
