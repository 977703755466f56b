package io.emailengine.bounceingest.domain;

import java.util.Collections;
import java.util.Map;

/**
 * One accounting record as PowerMTA wrote it, by column name. Every column is kept, unknown ones
 * included, because PowerMTA installations add {@code header_*} and custom columns freely.
 *
 * @param line   1-based line (CSV/NDJSON) or element number (JSON array) where the record starts
 * @param fields column name to non-empty value; empty cells of a union header are left out
 */
public record AccountingRecord(long line, Map<String, String> fields) {

    public static final String TYPE = "type";

    public AccountingRecord {
        fields = Collections.unmodifiableMap(fields);
    }

    /** The value, or null when the column is absent or empty. */
    public String get(String column) {
        return fields.get(column);
    }

    public String typeCode() {
        return fields.get(TYPE);
    }
}
