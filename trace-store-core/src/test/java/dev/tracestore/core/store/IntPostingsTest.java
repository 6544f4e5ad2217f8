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
    void appendTrimsEvictedEntriesAndShrinksAMostlyEmptyArray() {
        IntPostings postings = new IntPostings();
        for (long sequence = 0; sequence < 1_000; sequence++) {
            postings.append(sequence, 0);
        }
        postings.append(5_000, 4_990);
        assertThat(postings.size()).isEqualTo(1);
        assertThat(postings.get(0, 4_990)).isEqualTo(5_000);
    }
}
