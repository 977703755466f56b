package io.emailengine.bounceingest.adapter.out;

/**
 * A Bloom filter of the hashes of one run of the Message-ID map: "not in this run" for certain, or
 * "maybe" (about 1% of the hashes a run does not hold). Runs never change once written, so a filter
 * built from a run's entries stays true for as long as the run exists. {@value #BITS_PER_ENTRY} bits
 * per entry, {@value #PROBES} probes; the hashes are SHA-256 bits already, so the probes are taken
 * from their two halves.
 */
final class RunFilter {

    static final int BITS_PER_ENTRY = 10;
    private static final int PROBES = 6;

    private final long[] words;
    private final long bits;

    /** @param entries how many hashes will be added (at most 2^27) */
    RunFilter(long entries) {
        words = new long[(int) Math.max(1, (entries * BITS_PER_ENTRY + 63) / 64)];
        bits = words.length * 64L;
    }

    void add(long hash) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            int bit = bit(h1 + i * h2);
            words[bit >>> 6] |= 1L << bit;
        }
    }

    boolean mightContain(long hash) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            int bit = bit(h1 + i * h2);
            if ((words[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** A probe's 32 bits scaled to the filter's bits (a multiplication, not a division). */
    private int bit(int probe) {
        return (int) (((probe & 0xFFFFFFFFL) * bits) >>> 32);
    }

    /** Bytes held. */
    long bytes() {
        return words.length * 8L;
    }
}
