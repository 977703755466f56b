package io.emailengine.bounceingest.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The entries of the Message-ID map: order, merging, buckets and their stored form. */
class OriginEntriesTest {

    private static final long HIGH = 0xF000_0000_0000_0001L; // negative as a long, the largest unsigned here

    @Test
    void aSendersHashesAreSortedAsUnsignedNumbersWithoutRepeats() {
        OriginEntries entries = OriginEntries.ofSender(new long[] {HIGH, 5, -1, 5, 0x7FFF_FFFF_FFFF_FFFFL}, 7);

        assertThat(hashes(entries)).containsExactly(5L, 0x7FFF_FFFF_FFFF_FFFFL, HIGH, -1L);
        assertThat(senderOf(entries, 5)).isEqualTo(7);
    }

    @Test
    void mergingKeepsTheOrderAndTheNewestSourcesEntryOfAHash() {
        OriginEntries oldest = OriginEntries.ofSender(new long[] {1, 3, HIGH}, 1);
        OriginEntries middle = OriginEntries.ofSender(new long[] {2, 3}, 2);
        OriginEntries newest = OriginEntries.ofSender(new long[] {3, 4, HIGH}, 3);

        OriginEntries merged = OriginEntries.merge(List.of(oldest, middle, newest));

        assertThat(hashes(merged)).containsExactly(1L, 2L, 3L, 4L, HIGH);
        assertThat(senderOf(merged, 3)).isEqualTo(3);
        assertThat(senderOf(merged, HIGH)).isEqualTo(3);
        assertThat(senderOf(merged, 2)).isEqualTo(2);
        assertThat(senderOf(merged, 1)).isEqualTo(1);
        assertThat(senderOf(merged, 99)).isEqualTo(-1);
    }

    @Test
    void bucketsAreThePrefixOfTheHashUnderAMarkBitSoSizesNeverShareAnId() {
        assertThat(OriginEntries.bucket(HIGH, 0)).isEqualTo(1);
        assertThat(OriginEntries.bucket(HIGH, 4)).isEqualTo(0b1_1111);
        assertThat(OriginEntries.bucket(5, 4)).isEqualTo(0b1_0000);
        assertThat(OriginEntries.bucket(-1, OriginEntries.MAX_BITS)).isEqualTo((1 << 25) - 1);
        assertThat(OriginEntries.bitsOf(OriginEntries.bucket(HIGH, 9))).isEqualTo(9);
        assertThat(OriginEntries.bitsOf(1)).isZero();
    }

    @Test
    void aRunIsSplitIntoBucketsOfAboutAHundredEntries() {
        assertThat(OriginEntries.bitsFor(0)).isZero();
        assertThat(OriginEntries.bitsFor(OriginEntries.ROW_ENTRIES)).isZero();
        assertThat(OriginEntries.bitsFor(OriginEntries.ROW_ENTRIES + 1)).isEqualTo(1);
        assertThat(OriginEntries.bitsFor(5_000)).isEqualTo(6);
        assertThat(OriginEntries.bitsFor(Long.MAX_VALUE)).isEqualTo(OriginEntries.MAX_BITS);
    }

    @Test
    void theStoredFormReadsBackAndAFilteredReadKeepsOneSlice() {
        OriginEntries entries = OriginEntries.ofSender(new long[] {1, 0x4000_0000_0000_0000L, HIGH, -1}, 42);
        byte[] stored = entries.encode(0, entries.size());

        assertThat(stored).hasSize(4 * OriginEntries.BYTES);
        OriginEntries all = new OriginEntries(4);
        all.addStored(stored, 0, 0);
        assertThat(hashes(all)).containsExactly(1L, 0x4000_0000_0000_0000L, HIGH, -1L);
        assertThat(MessageOriginMap.find(stored, HIGH)).isEqualTo(42);
        assertThat(MessageOriginMap.find(stored, 2)).isEqualTo(-1);
        OriginEntries upperHalf = new OriginEntries(4);
        upperHalf.addStored(stored, 1, 1);
        assertThat(hashes(upperHalf)).containsExactly(HIGH, -1L);
    }

    /** The sender of a hash as a lookup finds it in the stored form, or -1. */
    private static int senderOf(OriginEntries entries, long hash) {
        return MessageOriginMap.find(entries.encode(0, entries.size()), hash);
    }

    private static List<Long> hashes(OriginEntries entries) {
        return IntStream.range(0, entries.size()).mapToObj(entries::hash).toList();
    }
}
