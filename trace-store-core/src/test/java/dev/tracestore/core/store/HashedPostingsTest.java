package dev.tracestore.core.store;

import dev.tracestore.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocks of a hashed key against a plain list of every entry added: random spans (some with several values
 * in one bucket), a sliding oldest live sequence, drops as the store's sweeps make them, and enough entries for
 * many sealed blocks; every bucket read must hold exactly the live spans listed in it, ascending, each once.
 */
class HashedPostingsTest {

    @Test
    void bucketsHoldExactlyTheLiveSpansListedInThem() {
        Seeds.check("HashedPostingsTest", 4, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        HashedPostings postings = new HashedPostings();
        // a few hot buckets so that reads see many entries, the rest spread over all buckets
        int hot = 1 + random.nextInt(8);
        int window = 1 + random.nextInt(random.nextBoolean() ? 500 : 30_000);
        List<long[]> added = new ArrayList<>();
        long sequence = random.nextInt(1_000);
        for (int n = 0; n < 60_000; n++) {
            sequence += 1 + (random.nextInt(10) == 0 ? random.nextInt(50) : 0);
            long oldest = Math.max(0, sequence - window);
            int values = random.nextInt(20) == 0 ? 3 : 1;
            for (int v = 0; v < values; v++) {
                int bucket = random.nextInt(3) == 0 ? random.nextInt(KeyPostings.HASH_BUCKETS) : random.nextInt(hot);
                postings.add(sequence, bucket, oldest);
                added.add(new long[] {sequence, bucket});
            }
            if (random.nextInt(5_000) == 0) {
                postings.dropBefore(oldest);
            }
            if (random.nextInt(400) == 0) {
                int bucket = random.nextBoolean() ? random.nextInt(hot) : random.nextInt(KeyPostings.HASH_BUCKETS);
                assertThat(read(postings.list(bucket, oldest), oldest)).as("seed %d, entry %d, bucket %d", seed, n,
                        bucket).isEqualTo(expected(added, bucket, oldest));
            }
        }
    }

    private static List<Long> read(IntPostings list, long oldest) {
        List<Long> sequences = new ArrayList<>();
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                sequences.add(list.get(i, oldest));
            }
        }
        return sequences;
    }

    private static List<Long> expected(List<long[]> added, int bucket, long oldest) {
        List<Long> sequences = new ArrayList<>();
        for (long[] entry : added) {
            if (entry[1] == bucket && entry[0] >= oldest
                    && (sequences.isEmpty() || sequences.get(sequences.size() - 1) != entry[0])) {
                sequences.add(entry[0]);
            }
        }
        return sequences;
    }
}
