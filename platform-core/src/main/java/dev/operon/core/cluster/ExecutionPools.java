package dev.operon.core.cluster;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The Quartz schedulers of the execution pools (ADR 0013): one per {@link ExecutionPool}, each its own clustered
 * scheduler name over the same tables and the same data source as Quarkus's scheduler. Every node creates them, so
 * that any node can add run jobs to any pool; only nodes with the pool's role start them, so only those nodes
 * acquire and run the jobs, and Quartz's cluster recovery of a dead node's jobs happens among them.
 */
@ApplicationScoped
public class ExecutionPools {

    private static final Logger LOG = Logger.getLogger(ExecutionPools.class);
    /** The data source name Quarkus registers for Quartz (its connection provider resolves it to Agroal's). */
    private static final String DATA_SOURCE = "QUARKUS_QUARTZ_DEFAULT_DATASOURCE";

    @Inject
    Scheduler main;

    @ConfigProperty(name = "operon.core.node.worker-threads", defaultValue = "16")
    int workerThreads;

    @ConfigProperty(name = "operon.core.node.gpu-threads", defaultValue = "2")
    int gpuThreads;

    @ConfigProperty(name = "quarkus.quartz.misfire-threshold", defaultValue = "5S")
    String misfireThreshold;

    @ConfigProperty(name = "quarkus.quartz.cluster-checkin-interval", defaultValue = "5000")
    long checkinMillis;

    private final Map<ExecutionPool, Scheduler> schedulers = new EnumMap<>(ExecutionPool.class);

    /** The pool's scheduler, created (not started) on first use. */
    public synchronized Scheduler scheduler(ExecutionPool pool) {
        Scheduler scheduler = schedulers.get(pool);
        if (scheduler == null) {
            try {
                scheduler = new StdSchedulerFactory(properties(pool)).getScheduler();
                scheduler.setJobFactory((bundle, owner) -> beanJob(bundle.getJobDetail().getJobClass()));
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not create the Quartz scheduler of the " + pool
                        + " pool: " + e.getMessage(), e);
            }
            schedulers.put(pool, scheduler);
        }
        return scheduler;
    }

    /** Starts acquiring the pool's jobs on this node (again, after a standby). */
    public void start(ExecutionPool pool) {
        try {
            scheduler(pool).start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the " + pool + " pool: " + e.getMessage(), e);
        }
    }

    /** True when this node acquires the pool's jobs. */
    public synchronized boolean started(ExecutionPool pool) {
        Scheduler scheduler = schedulers.get(pool);
        try {
            return scheduler != null && scheduler.isStarted() && !scheduler.isInStandbyMode()
                    && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops acquiring new jobs of every pool; jobs already running go on. */
    public synchronized void standbyAll() {
        schedulers.forEach((pool, scheduler) -> {
            try {
                scheduler.standby();
            } catch (SchedulerException e) {
                LOG.warnf("could not put the %s pool in standby: %s", pool, e.getMessage());
            }
        });
    }

    /** Shuts every pool down on this node without waiting for its jobs (the drain has dealt with them). */
    public synchronized void shutdownAll() {
        schedulers.forEach((pool, scheduler) -> {
            try {
                scheduler.shutdown(false);
            } catch (SchedulerException e) {
                LOG.warnf("could not shut the %s pool down: %s", pool, e.getMessage());
            }
        });
        schedulers.clear();
    }

    private Properties properties(ExecutionPool pool) throws SchedulerException {
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", pool.schedulerName());
        // the same instance id as the main scheduler: the node has one name in runs, the registry and Quartz
        p.put("org.quartz.scheduler.instanceId", main.getSchedulerInstanceId());
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.scheduler.rmi.export", "false");
        p.put("org.quartz.scheduler.rmi.proxy", "false");
        p.put("org.quartz.scheduler.idleWaitTime", "1000");
        p.put("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "20");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount",
                Integer.toString(Math.max(1, pool == ExecutionPool.GPU ? gpuThreads : workerThreads)));
        p.put("org.quartz.threadPool.threadNamePrefix", "operon-" + pool.name().toLowerCase() + "-pool");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreCMT");
        p.put("org.quartz.jobStore.misfireThreshold", Long.toString(parseDuration(misfireThreshold).toMillis()));
        p.put("org.quartz.jobStore.useProperties", "true");
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.nonManagedTXDataSource", DATA_SOURCE);
        p.put("org.quartz.dataSource." + DATA_SOURCE + ".connectionProvider.class",
                "io.quarkus.quartz.runtime.QuarkusQuartzConnectionPoolProvider");
        p.put("org.quartz.jobStore.driverDelegateClass", "io.quarkus.quartz.runtime.jdbc.QuarkusPostgreSQLDelegate");
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinMillis));
        return p;
    }

    /** A job as a CDI bean (Quarkus makes every Quartz job class a dependent bean), released after it ran. */
    private static Job beanJob(Class<? extends Job> type) throws SchedulerException {
        InstanceHandle<? extends Job> handle = Arc.container().instance(type);
        if (!handle.isAvailable()) {
            throw new SchedulerException("no CDI bean for Quartz job " + type.getName());
        }
        return context -> {
            try {
                handle.get().execute(context);
            } finally {
                handle.close();
            }
        };
    }

    static Duration parseDuration(String text) {
        String value = text.strip();
        if (value.matches("\\d+")) {
            return Duration.ofMillis(Long.parseLong(value));
        }
        return Duration.parse(value.toUpperCase().startsWith("P") ? value : "PT" + value);
    }
}
