package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of spans grouped the way OTLP nests them: by resource, then by instrumentation scope, groups in order of
 * first appearance and spans in batch order inside a group. Spans of one SDK share the same {@link Resource} and
 * scope instances, so the identity check on the last group almost always answers, and the groups stay few enough
 * for a linear scan.
 */
final class SpanGroups {

    /** The spans of one resource, split by scope. */
    record ResourceGroup(Resource resource, List<ScopeGroup> scopes) {
    }

    /** The spans of one scope inside one resource, in batch order. */
    record ScopeGroup(InstrumentationScopeInfo scope, List<StoredSpan> spans) {
    }

    private SpanGroups() {
    }

    static List<ResourceGroup> of(List<StoredSpan> spans) {
        List<ResourceGroup> groups = new ArrayList<>(1);
        ResourceGroup lastResource = null;
        ScopeGroup lastScope = null;
        for (int i = 0; i < spans.size(); i++) {
            StoredSpan span = spans.get(i);
            Resource resource = span.resource();
            if (lastResource == null || lastResource.resource() != resource) {
                lastResource = findResource(groups, resource);
                lastScope = null;
            }
            InstrumentationScopeInfo scope = span.scope();
            if (lastScope == null || lastScope.scope() != scope) {
                lastScope = findScope(lastResource, scope);
            }
            lastScope.spans().add(span);
        }
        return groups;
    }

    // Identity first: spans of one SDK share the instance, and a deep equals on every group passed costs more than
    // the rest of the grouping when a batch interleaves several services.
    private static ResourceGroup findResource(List<ResourceGroup> groups, Resource resource) {
        // indexed: the iterator of a for-each was not always removed by the JIT (an allocation per group change)
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).resource() == resource) {
                return groups.get(i);
            }
        }
        for (ResourceGroup group : groups) {
            if (group.resource().equals(resource)) {
                return group;
            }
        }
        ResourceGroup group = new ResourceGroup(resource, new ArrayList<>(2));
        groups.add(group);
        return group;
    }

    private static ScopeGroup findScope(ResourceGroup resourceGroup, InstrumentationScopeInfo scope) {
        List<ScopeGroup> scopes = resourceGroup.scopes();
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i).scope() == scope) {
                return scopes.get(i);
            }
        }
        for (ScopeGroup group : resourceGroup.scopes()) {
            if (group.scope().equals(scope)) {
                return group;
            }
        }
        ScopeGroup group = new ScopeGroup(scope, new ArrayList<>());
        resourceGroup.scopes().add(group);
        return group;
    }
}
