package dev.tracestore.core.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntPostingsTest {

    @Test
    void rebuildsFullSequencesAcrossThe32BitBoundary() {
        IntPostings postings = new IntPostings();
        long base = (1L << 32) - 3;
        for (long sequence = base; sequence < base + 6; sequence++) {
            postings.append(sequence, base);
        }
        assertThat(postings.get(0, base)).isEqualTo(base);
        assertThat(postings.get(5, base)).isEqualTo(base + 5);
        assertThat(postings.lowerBound(base + 4, base)).isEqualTo(4);

        long oldest = base + 2;
        assertThat(postings.lowerBound(oldest, oldest)).isEqualTo(2);
        postings.trimBefore(oldest);
        assertThat(postings.size()).isEqualTo(4);
        assertThat(postings.get(0, oldest)).isEqualTo(oldest);
    }

    @Test
    void appendTrimsEvictedEntriesOnceTheArrayIsFull() {
        IntPostings postings = new IntPostings();
        for (long sequence = 0; sequence < 1_000; sequence++) {
            postings.append(sequence, 0);
        }
        // everything listed is evicted: the next appends trim it once they run out of room, long before 1 000 more
        long oldest = 4_990;
        for (long sequence = 5_000; sequence < 5_500; sequence++) {
            postings.append(sequence, oldest);
        }
        assertThat(postings.size()).isEqualTo(500);
        assertThat(postings.lowerBound(oldest, oldest)).isZero();
        assertThat(postings.get(0, oldest)).isEqualTo(5_000);
        assertThat(postings.get(499, oldest)).isEqualTo(5_499);
    }

    @Test
    void aSlidingListStaysAsLongAsItsLiveEntriesAndReadsOnlyThem() {
        IntPostings postings = new IntPostings();
        int window = 100;
        for (long sequence = 0; sequence < 100_000; sequence++) {
            long oldest = Math.max(0, sequence - window + 1);
            postings.append(sequence, oldest);
            assertThat(postings.size()).isLessThanOrEqualTo(2 * window + 16);
            int first = postings.lowerBound(oldest, oldest);
            assertThat(postings.size() - first).isEqualTo((int) (sequence - oldest + 1));
            assertThat(postings.get(first, oldest)).isEqualTo(oldest);
        }
    }
}
