package io.emailengine.bounceingest.adapter.out;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Entries of the Message-ID map ({@link MessageOriginMap}): a 64-bit Message-ID hash and the id of
 * the sender that sent it ({@code message_sender}), sorted by hash as unsigned numbers, at most one
 * entry per hash. Stored as {@value #BYTES} bytes per entry (hash, then sender, both big-endian) in
 * bucket rows: a bucket holds the hashes whose first {@code bits} bits are its prefix.
 */
final class OriginEntries {

    static final int BYTES = 12;
    /** Entries a bucket row holds on average: about a kilobyte, stored inline in its table page. */
    static final int ROW_ENTRIES = 96;
    /** The finest buckets: 16 million of them (a run of 1.6 billion entries). */
    static final int MAX_BITS = 24;

    private long[] hashes;
    private int[] senders;
    private int size;

    OriginEntries(int capacity) {
        hashes = new long[Math.max(capacity, 4)];
        senders = new int[hashes.length];
    }

    int size() {
        return size;
    }

    long hash(int i) {
        return hashes[i];
    }

    /** Appends an entry; the caller keeps them sorted. */
    void add(long hash, int sender) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            senders = Arrays.copyOf(senders, size * 2);
        }
        hashes[size] = hash;
        senders[size] = sender;
        size++;
    }

    /** Appends the entries of a stored row whose first {@code bits} bits are {@code prefix} (all when {@code bits} is 0). */
    void addStored(byte[] row, int bits, long prefix) {
        ByteBuffer in = ByteBuffer.wrap(row);
        for (int at = 0; at + BYTES <= row.length; at += BYTES) {
            long hash = in.getLong(at);
            if (bits == 0 || prefix(hash, bits) == prefix) {
                add(hash, in.getInt(at + 8));
            }
        }
    }

    /** The stored form of entries {@code [from, to)}. */
    byte[] encode(int from, int to) {
        ByteBuffer out = ByteBuffer.allocate((to - from) * BYTES);
        for (int i = from; i < to; i++) {
            out.putLong(hashes[i]).putInt(senders[i]);
        }
        return out.array();
    }

    /** The entries of one sender: its hashes (any order, repeats allowed) sorted. */
    static OriginEntries ofSender(long[] hashes, int sender) {
        long[] flipped = new long[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            flipped[i] = hashes[i] ^ Long.MIN_VALUE; // signed order of these is unsigned order of the hashes
        }
        Arrays.sort(flipped);
        OriginEntries entries = new OriginEntries(hashes.length);
        for (int i = 0; i < flipped.length; i++) {
            if (i == 0 || flipped[i] != flipped[i - 1]) {
                entries.add(flipped[i] ^ Long.MIN_VALUE, sender);
            }
        }
        return entries;
    }

    /**
     * Merges sorted entries into one sorted whole; of equal hashes, the entry of the source latest in
     * the list wins (sources are given oldest first). Two halves merged, then the two merged: n log k.
     */
    static OriginEntries merge(List<OriginEntries> oldestFirst) {
        int k = oldestFirst.size();
        if (k == 0) {
            return new OriginEntries(0);
        }
        if (k == 1) {
            return oldestFirst.get(0);
        }
        OriginEntries older = merge(oldestFirst.subList(0, k / 2));
        OriginEntries newer = merge(oldestFirst.subList(k / 2, k));
        OriginEntries merged = new OriginEntries(older.size + newer.size);
        int i = 0;
        int j = 0;
        while (i < older.size || j < newer.size) {
            int order = i == older.size ? 1 : j == newer.size ? -1 : Long.compareUnsigned(older.hashes[i], newer.hashes[j]);
            if (order < 0) {
                merged.add(older.hashes[i], older.senders[i]);
                i++;
            } else {
                merged.add(newer.hashes[j], newer.senders[j]);
                if (order == 0) {
                    i++;
                }
                j++;
            }
        }
        return merged;
    }

    /** The first {@code bits} bits of a hash (0 when {@code bits} is 0). */
    static long prefix(long hash, int bits) {
        return bits == 0 ? 0 : hash >>> (64 - bits);
    }

    /** The bucket id of a hash at {@code bits}: {@code 1 << bits | prefix}, unique across bit counts. */
    static int bucket(long hash, int bits) {
        return (int) ((1L << bits) | prefix(hash, bits));
    }

    /** The bit count of a bucket id. */
    static int bitsOf(int bucket) {
        return 31 - Integer.numberOfLeadingZeros(bucket);
    }

    /** The bucket bits for a run of {@code entries}: about {@link #ROW_ENTRIES} per bucket. */
    static int bitsFor(long entries) {
        int bits = 0;
        while (bits < MAX_BITS && (entries >> bits) > ROW_ENTRIES) {
            bits++;
        }
        return bits;
    }
}
