package dev.operon.core.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The device this node serves models on: a GPU when the node has the role {@code gpu} and the engine sees one,
 * else the CPU. Decided once, at the first model load (the engine starts then, not at boot), and logged.
 */
@ApplicationScoped
public class ModelDevice {

    private static final Logger LOG = Logger.getLogger(ModelDevice.class);

    @ConfigProperty(name = "operon.core.node.roles", defaultValue = "api,scheduler,worker")
    String roles;

    private volatile Device device;

    /** Applies DJL's settings at boot, before anything can start the engine (the launcher did too). */
    void boot(@Observes @Priority(1) StartupEvent event) {
        DjlSettings.apply();
    }

    /** The device to load models on. */
    public Device get() {
        Device current = device;
        if (current == null) {
            synchronized (this) {
                if (device == null) {
                    device = choose(roles, () -> Engine.getInstance().getGpuCount());
                }
                current = device;
            }
        }
        return current;
    }

    /** GPU 0 when {@code roles} include {@code gpu} and there is a GPU, else the CPU; says which and why. */
    static Device choose(String roles, IntSupplier gpuCount) {
        boolean gpuRole = Arrays.stream(roles.split(",")).map(String::trim).anyMatch("gpu"::equals);
        if (!gpuRole) {
            LOG.infof("models run on the CPU (this node does not have the role 'gpu')");
            return Device.cpu();
        }
        int gpus = gpuCount.getAsInt();
        if (gpus == 0) {
            LOG.warnf("models run on the CPU: this node has the role 'gpu' but the engine finds no GPU");
            return Device.cpu();
        }
        LOG.infof("models run on GPU 0 (role 'gpu', %d GPU(s) found)", gpus);
        return Device.gpu();
    }
}
