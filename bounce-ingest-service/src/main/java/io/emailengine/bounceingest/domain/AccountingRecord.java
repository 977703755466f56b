package io.emailengine.bounceingest.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One accounting record as PowerMTA wrote it, by column name. Every column is kept, unknown ones
 * included, because PowerMTA installations add {@code header_*} and custom columns freely.
 *
 * <p>A CSV record is an array of values over its header's {@link Columns}, shared by all records
 * under that header: millions of records then cost no map each, a column is found by an index
 * lookup, and the record key walks the columns in name order without sorting. A record built from
 * a map (JSON, a stored record) keeps that map. Both kinds answer alike; {@link #fields()} of a
 * CSV record is built on first use, in column-name order.
 */
public final class AccountingRecord {

    public static final String TYPE = "type";

    private final long line;
    /** Null for a record built from a map. */
    private final Columns columns;
    /** Per column of {@link #columns}, null for an empty cell. */
    private final String[] values;
    /** Built on first use for a CSV record; an unmodifiable view, so it may be published without a lock. */
    private Map<String, String> fields;

    /**
     * @param line   1-based line (CSV/NDJSON) or element number (JSON array) where the record starts
     * @param fields column name to non-empty value; empty cells of a union header are left out
     */
    public AccountingRecord(long line, Map<String, String> fields) {
        this.line = line;
        this.columns = null;
        this.values = null;
        this.fields = Collections.unmodifiableMap(fields);
    }

    private AccountingRecord(long line, Columns columns, String[] values) {
        this.line = line;
        this.columns = columns;
        this.values = values;
    }

    /**
     * A record over a header's columns. The array is taken over, not copied: the caller must not
     * change it afterwards.
     *
     * @param values one per column, in header order; null or empty for an empty cell
     */
    public static AccountingRecord of(long line, Columns columns, String[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].isEmpty()) {
                values[i] = null;
            }
        }
        return new AccountingRecord(line, columns, values);
    }

    /** 1-based line (CSV/NDJSON) or element number (JSON array) where the record starts. */
    public long line() {
        return line;
    }

    /** The value, or null when the column is absent or empty. */
    public String get(String column) {
        if (columns == null) {
            return fields.get(column);
        }
        int index = columns.indexOf(column);
        return index < 0 ? null : values[index];
    }

    public String typeCode() {
        return get(TYPE);
    }

    /** Column name to non-empty value, unmodifiable. */
    public Map<String, String> fields() {
        Map<String, String> built = fields;
        if (built == null) {
            Map<String, String> map = new LinkedHashMap<>(columns.size() * 2);
            for (int i : columns.byName) {
                if (values[i] != null) {
                    map.put(columns.names[i], values[i]);
                }
            }
            built = Collections.unmodifiableMap(map);
            fields = built;
        }
        return built;
    }

    /** The header the values are laid out by; null for a record built from a map. */
    Columns columns() {
        return columns;
    }

    /** The value of column {@code index} of {@link #columns()}, null when empty. */
    String value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountingRecord that && line == that.line && fields().equals(that.fields());
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(line) + fields().hashCode();
    }

    @Override
    public String toString() {
        return "AccountingRecord[line=" + line + ", fields=" + fields() + "]";
    }

    /**
     * The column names of one header with what every record under it needs: the index of each name
     * (an open-addressing table, cheaper than a map of boxed indexes), the columns in name order and
     * the names' UTF-8 for the record key. Built once per header line; immutable and thread-safe.
     */
    public static final class Columns {

        private final String[] names;
        /** Column indexes in the order of their names. */
        final int[] byName;
        /** UTF-8 of each name, by column index. */
        final byte[][] utf8Names;
        private final String[] slots;
        private final int[] slotIndexes;
        private final int mask;

        private Columns(String[] names) {
            this.names = names;
            Integer[] order = new Integer[names.length];
            for (int i = 0; i < names.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
            this.byName = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
            this.utf8Names = new byte[names.length][];
            int capacity = Integer.highestOneBit(Math.max(4, names.length * 3)) * 2;
            this.slots = new String[capacity];
            this.slotIndexes = new int[capacity];
            this.mask = capacity - 1;
            for (int i = 0; i < names.length; i++) {
                utf8Names[i] = names[i].getBytes(StandardCharsets.UTF_8);
                int slot = slotOf(names[i]);
                if (slots[slot] != null) {
                    throw new IllegalArgumentException("column '" + names[i] + "' is named twice");
                }
                slots[slot] = names[i];
                slotIndexes[slot] = i;
            }
        }

        /** @throws IllegalArgumentException when a name is repeated */
        public static Columns of(List<String> names) {
            String[] copy = names.toArray(String[]::new);
            for (String name : copy) {
                Objects.requireNonNull(name, "column name");
            }
            return new Columns(copy);
        }

        public int size() {
            return names.length;
        }

        /** The names in header order. */
        public List<String> names() {
            return List.of(names);
        }

        /** The index of the column, or -1 when the header has no such column. */
        public int indexOf(String name) {
            int slot = spread(name.hashCode()) & mask;
            while (true) {
                String candidate = slots[slot];
                if (candidate == null) {
                    return -1;
                }
                if (candidate == name || candidate.equals(name)) {
                    return slotIndexes[slot];
                }
                slot = (slot + 1) & mask;
            }
        }

        /** The free slot for a new name, or the slot already holding it. */
        private int slotOf(String name) {
            int slot = spread(name.hashCode()) & mask;
            while (slots[slot] != null && !slots[slot].equals(name)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
