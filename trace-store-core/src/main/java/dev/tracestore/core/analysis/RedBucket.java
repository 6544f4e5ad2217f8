package dev.tracestore.core.analysis;

import java.time.Instant;

/**
 * One bucket of an operation's RED series: the spans that started in {@code [start, start + width)}. Buckets are
 * aligned to multiples of the width since the epoch (a 1-minute bucket starts on a whole minute); the rate divides
 * by the part of the bucket inside the window.
 *
 * <pre>{@code
 * for (RedBucket bucket : operation.buckets()) {
 *     System.out.println(bucket.start() + " " + bucket.figures().count());
 * }
 * }</pre>
 *
 * @param start the bucket's start
 * @param figures the figures of the spans that started in it
 */
public record RedBucket(Instant start, RedFigures figures) {
}
