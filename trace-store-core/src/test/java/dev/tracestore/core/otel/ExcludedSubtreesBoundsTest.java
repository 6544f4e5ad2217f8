package dev.tracestore.core.otel;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting room's bounds count the spans that wait, not those already decided: one span whose parent ends late
 * (a long job) must not push out, early and undecided, because many requests came and went meanwhile.
 */
class ExcludedSubtreesBoundsTest {

    @Test
    void manyDecidedRequestsBehindOneLongWaitDoNotReleaseItBeforeItsTime() {
        ExcludedSubtrees subtrees = new ExcludedSubtrees();
        List<StoredSpan> through = new ArrayList<>();
        Consumer<StoredSpan> sink = through::add;
        long now = 0;
        subtrees.accept(HexIds.toHex(1), HexIds.toHex(2), false, null, now, sink); // its parent ends much later
        long id = 1_000;
        for (int request = 0; request < 3 * ExcludedSubtrees.MAX_HELD; request++) {
            String root = HexIds.toHex(id++);
            subtrees.accept(HexIds.toHex(id++), root, false, null, now, sink);
            subtrees.accept(root, null, false, null, now, sink);
        }
        assertThat(subtrees.releasedUndecidedCount()).as("released early").isZero();

        subtrees.releaseOverdue(now + ExcludedSubtrees.MAX_HOLD_NANOS, sink);
        assertThat(subtrees.releasedUndecidedCount()).as("released when its time is up").isEqualTo(1);
    }

    @Test
    void beyondTheMostThatMayWaitTheOldestIsReleased() {
        ExcludedSubtrees subtrees = new ExcludedSubtrees();
        Consumer<StoredSpan> sink = span -> { };
        for (long id = 1; id <= ExcludedSubtrees.MAX_HELD + 1; id++) {
            subtrees.accept(HexIds.toHex(id), HexIds.toHex(1_000_000 + id), false, null, 0, sink);
        }
        assertThat(subtrees.releasedUndecidedCount()).isEqualTo(1);
    }
}
