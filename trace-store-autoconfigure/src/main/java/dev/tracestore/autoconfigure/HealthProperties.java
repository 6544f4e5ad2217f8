package dev.tracestore.autoconfigure;

/**
 * The {@code traceStore} health indicator, {@code tracestore.health.*}.
 *
 * <pre>{@code
 * tracestore:
 *   health:
 *     down-on-file-error: true
 * }</pre>
 */
public class HealthProperties {

    /**
     * Whether a fault of the span files (disk full, directory gone or read-only) makes the traceStore health
     * DOWN, and so the overall health. By default it is shown in the details ('error', 'fileLogActive') while
     * the status stays UP: spans stay queryable in memory, and an orchestrator should not restart a healthy app.
     */
    private boolean downOnFileError;

    public boolean isDownOnFileError() {
        return downOnFileError;
    }

    public void setDownOnFileError(boolean downOnFileError) {
        this.downOnFileError = downOnFileError;
    }
}
