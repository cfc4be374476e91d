package dev.operon.core.scheduling.diagnostics;

import dev.operon.core.api.ApiException;
import dev.operon.core.db.Jdbc;
import dev.operon.core.scheduling.NodeIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The scheduler's own speed, without the task engine: schedules bare one-shot jobs on the same Quartz scheduler,
 * shaped like the engine's run jobs (recovery requested, fire-now misfire handling, one transaction per job), and
 * times until every one has run. The engine's throughput is read against this figure. The jobs report to this
 * node's memory, so the probe refuses to run while other nodes are live.
 */
@ApplicationScoped
public class SchedulerBaseline {

    /** Quartz group of the probe's jobs, apart from the engine's groups. */
    public static final String GROUP = "operon-diagnostics";

    @Inject
    Scheduler quartz;

    @Inject
    Jdbc jdbc;

    @Inject
    NodeIdentity node;

    @ConfigProperty(name = "operon.core.node.silence-limit", defaultValue = "30s")
    Duration silenceLimit;

    @ConfigProperty(name = "operon.core.diagnostics.max-wait", defaultValue = "15M")
    Duration maxWait;

    private final Map<String, CountDownLatch> probes = new ConcurrentHashMap<>();

    /** Schedules {@code jobs} bare jobs, waits until all have run, and says how fast that was. */
    public BaselineResult measure(int jobs) {
        refuseOnCluster();
        String probe = UUID.randomUUID().toString();
        CountDownLatch remaining = new CountDownLatch(jobs);
        probes.put(probe, remaining);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                schedule(probe, i);
            }
            long scheduled = System.nanoTime();
            long waitNanos = maxWait.toNanos() - (System.nanoTime() - start);
            boolean done = remaining.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            long end = System.nanoTime();
            if (!done) {
                removeLeftovers(probe);
                throw new ProbeTimeoutException("scheduler-baseline", jobs - remaining.getCount(), jobs, maxWait);
            }
            double seconds = (end - start) / 1e9;
            return new BaselineResult(jobs, seconds, jobs / seconds, (scheduled - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeLeftovers(probe);
            throw new IllegalStateException("interrupted while waiting for the baseline jobs", e);
        } finally {
            probes.remove(probe);
        }
    }

    /** Called by each {@link BaselineJob}; jobs of a probe no longer waited for (a restarted node) are ignored. */
    void jobRan(String probe) {
        CountDownLatch remaining = probe == null ? null : probes.get(probe);
        if (remaining != null) {
            remaining.countDown();
        }
    }

    /** The jobs report to this node's memory: on a cluster other nodes would take some and the count never ends. */
    private void refuseOnCluster() {
        long others = jdbc.count("select count(*) from node where id <> ? and heartbeat_at > now() - ? * interval"
                + " '1 millisecond'", node.id(), silenceLimit.toMillis());
        if (others > 0) {
            throw ApiException.conflict("the scheduler baseline needs a single node: " + others + " other node(s)"
                    + " are live and would run some of its jobs; stop them or measure on a one-node installation");
        }
    }

    private void schedule(String probe, int index) {
        String name = jobPrefix(probe) + index;
        JobDetail job = JobBuilder.newJob(BaselineJob.class)
                .withIdentity(name, GROUP)
                .usingJobData(BaselineJob.PROBE_ID, probe)
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .startAt(new Date())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                quartz.scheduleJob(job, trigger);
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not schedule baseline job " + name + ": " + e.getMessage(), e);
            }
        });
    }

    private void removeLeftovers(String probe) {
        String prefix = jobPrefix(probe);
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                Set<JobKey> keys = quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).stream()
                        .filter(key -> key.getName().startsWith(prefix)).collect(Collectors.toSet());
                quartz.deleteJobs(List.copyOf(keys));
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not remove the baseline jobs of probe " + probe, e);
            }
        });
    }

    private static String jobPrefix(String probe) {
        return "baseline-" + probe + "-";
    }
}
