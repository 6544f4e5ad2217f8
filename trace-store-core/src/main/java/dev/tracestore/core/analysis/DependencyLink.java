package dev.tracestore.core.analysis;

/**
 * Calls from one service to another over a window: how many, and how many failed.
 *
 * <pre>{@code
 * for (DependencyLink link : report.links()) {
 *     System.out.println(link.caller() + " -> " + link.callee() + ": " + link.calls() + " calls, " + link.errors()
 *             + " failed" + (link.uninstrumented() ? " (callee named by the caller)" : ""));
 * }
 * }</pre>
 *
 * @param caller the calling service
 * @param callee the called service, or the name the caller's client span gives a callee that stores no spans
 * @param calls how many calls
 * @param errors how many of them failed: the callee's span failed, or the caller's client span did
 * @param uninstrumented {@code true} when the callee stores no spans and is named by the client span's
 *     {@code peer.service}, {@code server.address} or {@code db.system}
 */
public record DependencyLink(String caller, String callee, long calls, long errors, boolean uninstrumented) {
}
