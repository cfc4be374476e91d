package dev.operon.examples.imageclassifier;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import java.util.List;

/** {@code recent-results}: the last classifications this node answered, newest first. */
final class RecentResultsOperation implements Operation<NoInput, List<RecentResult>> {

    private final RecentResults recent;

    RecentResultsOperation(RecentResults recent) {
        this.recent = recent;
    }

    @Override
    public String name() {
        return "recent-results";
    }

    @Override
    public String title() {
        return "Recent classifications";
    }

    @Override
    public Kind kind() {
        return Kind.QUERY;
    }

    @Override
    public Class<NoInput> inputType() {
        return NoInput.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<List<RecentResult>> outputType() {
        return (Class<List<RecentResult>>) (Class<?>) List.class;
    }

    @Override
    public List<RecentResult> call(OperationContext context, NoInput input) {
        return recent.list();
    }
}
