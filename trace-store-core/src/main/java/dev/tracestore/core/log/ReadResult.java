package dev.tracestore.core.log;

/**
 * What {@link SpanLog#read} found: how many spans it handed over, how many lines it had to skip
 * (torn by a crash, corrupt, or not a trace request), and how many files it read.
 *
 * <pre>{@code
 * ReadResult result = SpanLog.read(directory, store::add);
 * if (result.linesSkipped() > 0) {
 *     log.warn("Skipped {} unreadable lines in {}", result.linesSkipped(), directory);
 * }
 * }</pre>
 *
 * @param spansRead spans handed to the sink
 * @param linesSkipped non-blank lines that could not be decoded; none of their spans were handed over
 * @param filesRead files opened and read to the end
 */
public record ReadResult(long spansRead, long linesSkipped, int filesRead) {

    /** Nothing read: no directory was given, or it did not exist yet. */
    public static final ReadResult NONE = new ReadResult(0, 0, 0);
}
