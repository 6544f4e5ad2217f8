package dev.tracestore.core.query;

/**
 * A query parameter given as text (over HTTP or on the command line) that cannot be used, with the name of the
 * parameter so the caller can point at it.
 *
 * <pre>{@code
 * try {
 *     SpanQuery query = QueryParameters.parse(parameters);
 * } catch (InvalidParameterException e) {
 *     return badRequest(e.parameter(), e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the name of the offending parameter
     * @param message what is wrong and what the parameter accepts; starts with the parameter's name
     */
    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** @return the name of the offending parameter */
    public String parameter() {
        return parameter;
    }
}
