package io.emailengine.bounceingest.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Bloom filter of a Message-ID map run. */
class RunFilterTest {

    private final SplittableRandom random = new SplittableRandom(20261129);

    @Test
    void everyHashAddedIsLetThroughAndAboutOneInAHundredOthers() {
        long[] added = random.longs(200_000).toArray();
        RunFilter filter = new RunFilter(added.length);
        for (long hash : added) {
            filter.add(hash);
        }

        for (long hash : added) {
            assertThat(filter.mightContain(hash)).isTrue();
        }
        long wrongly = random.longs(200_000).filter(filter::mightContain).count();
        assertThat(wrongly / 200_000.0).as("false positives").isBetween(0.002, 0.02);
        assertThat(filter.bytes()).as("%d bits per entry", RunFilter.BITS_PER_ENTRY).isEqualTo(200_000L * RunFilter.BITS_PER_ENTRY / 8);
    }

    @Test
    void anEmptyFilterLetsNothingThrough() {
        RunFilter filter = new RunFilter(0);

        assertThat(random.longs(1_000).filter(filter::mightContain).count()).isZero();
    }
}
