package dev.operon.sdk;

import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.service.ServiceOffer;
import dev.operon.sdk.task.TaskType;
import java.util.List;
import java.util.Optional;

/**
 * A plugin whose declarations come from one {@link PluginDeclaration} (since SDK 1.6), so that its class holds only
 * its shared state, the declaration and its lifecycle instead of a getter per part:
 *
 * <pre>{@code
 * public final class AcmePlugin extends DeclaredPlugin {
 *     private final AcmeIndex index = new AcmeIndex();
 *
 *     protected PluginDeclaration declare() {
 *         return PluginDeclaration.of(new PluginInfo("acme", "Acme", "1.0.0", "[1.6,2.0)", "Does acme things."))
 *                 .tasks(List.of(new ReindexTask(index)))
 *                 .operations(SearchOperations.all(index))
 *                 .build();
 *     }
 *
 *     public void start(PluginContext context) { index.open(context.data()); }
 * }
 * }</pre>
 *
 * <p>{@link #declare()} is called once, on the first declaration asked for, after the subclass's fields are set;
 * every later call answers from that same value, as {@link OperonPlugin} requires. {@link #start} and {@link #close}
 * stay the subclass's to override.
 */
public abstract class DeclaredPlugin implements OperonPlugin {

    private volatile PluginDeclaration declaration;

    /** What this plugin offers; called once. */
    protected abstract PluginDeclaration declare();

    /** The declaration, built on first use. */
    protected final PluginDeclaration declaration() {
        PluginDeclaration current = declaration;
        if (current == null) {
            synchronized (this) {
                current = declaration;
                if (current == null) {
                    current = declare();
                    if (current == null) {
                        throw new IllegalStateException(getClass().getName() + ".declare() returned null");
                    }
                    declaration = current;
                }
            }
        }
        return current;
    }

    @Override
    public final PluginInfo info() {
        return declaration().info();
    }

    @Override
    public final List<TaskType<?, ?>> tasks() {
        return declaration().tasks();
    }

    @Override
    public final List<ModelType<?, ?>> models() {
        return declaration().models();
    }

    @Override
    public final List<Operation<?, ?>> operations() {
        return declaration().operations();
    }

    @Override
    public final List<Panel> panels() {
        return declaration().panels();
    }

    @Override
    public final List<ConfigProperty> config() {
        return declaration().config();
    }

    @Override
    public final List<Channel> channels() {
        return declaration().channels();
    }

    @Override
    public final List<ServiceOffer<?>> services() {
        return declaration().services();
    }

    @Override
    public final List<OfflineCommand> commands() {
        return declaration().commands();
    }

    @Override
    public final Optional<PersonalData> personalData() {
        return declaration().personalData();
    }

    @Override
    public final Optional<DemoSeeder> demo() {
        return declaration().demo();
    }

    @Override
    public final Optional<String> migrations() {
        return declaration().migrations();
    }
}
