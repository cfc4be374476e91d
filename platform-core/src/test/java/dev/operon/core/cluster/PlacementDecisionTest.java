package dev.operon.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.sdk.task.GpuFallback;
import dev.operon.sdk.task.Resource;
import dev.operon.sdk.task.Resources;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The placement rule itself; GpuPlacementTest checks it end to end on real Quartz pools. */
class PlacementDecisionTest {

    private static final Duration SILENCE = Duration.ofSeconds(30);

    @Test
    void cpuWorkGoesToTheWorkerPoolWhateverTheGpuNodes() {
        assertThat(Placement.decide("x.cpu", Resources.CPU, true, SILENCE))
                .isEqualTo(new Placement.Decision(ExecutionPool.WORKER, null));
        assertThat(Placement.decide("x.cpu", Resources.CPU, false, SILENCE).pool()).isEqualTo(ExecutionPool.WORKER);
    }

    @Test
    void gpuWorkGoesToTheGpuPoolWhileAGpuNodeIsAliveWhateverItsFallback() {
        for (GpuFallback fallback : GpuFallback.values()) {
            assertThat(Placement.decide("x.gpu", Resources.gpu(fallback), true, SILENCE))
                    .isEqualTo(new Placement.Decision(ExecutionPool.GPU, null));
        }
    }

    @Test
    void withoutAGpuNodeTheFallbackDecides() {
        assertThat(Placement.decide("x.gpu", Resources.gpu(GpuFallback.RUN_ON_CPU), false, SILENCE))
                .isEqualTo(new Placement.Decision(ExecutionPool.WORKER, null));
        assertThat(Placement.decide("x.gpu", Resources.gpu(GpuFallback.WAIT), false, SILENCE))
                .isEqualTo(new Placement.Decision(ExecutionPool.GPU, null));
        Placement.Decision fail = Placement.decide("x.gpu", Resources.gpu(GpuFallback.FAIL), false, SILENCE);
        assertThat(fail.fails()).isTrue();
        assertThat(fail.failure()).isEqualTo("task type 'x.gpu' needs a GPU node and none is alive (no node with the"
                + " gpu role sent a heartbeat within 30 s); its GPU fallback is FAIL");
    }

    @Test
    void aTypeThatListedGpuInItsSdk10DefaultsPrefersAGpu() {
        dev.operon.sdk.task.TaskType<GpuWorkTask.Input, GpuWorkTask.Output> legacy = new GpuWorkTask.Legacy();
        assertThat(legacy.resources()).isEqualTo(Resources.gpuPreferred());
        assertThat(new GpuWorkTask.Legacy(Set.of(Resource.CPU)).resources()).isEqualTo(Resources.CPU);
    }
}
