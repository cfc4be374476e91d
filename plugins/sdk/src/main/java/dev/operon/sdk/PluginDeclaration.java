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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a plugin declares, as one immutable value (since SDK 1.6): what a {@link DeclaredPlugin} answers from
 * {@link OperonPlugin}'s declaration methods. Built with {@link #of(PluginInfo)}; each list method takes one or more
 * lists and joins them in order, so a plugin can gather its parts from several feature packages without a helper of
 * its own.
 *
 * <pre>{@code
 * PluginDeclaration.of(new PluginInfo("acme", "Acme", "1.0.0", "[1.6,2.0)", "Does acme things."))
 *         .tasks(List.of(new ImportTask()))
 *         .operations(SearchOperations.all(), AdminOperations.all())
 *         .migrations("db/acme")
 *         .build();
 * }</pre>
 */
public final class PluginDeclaration {

    private final PluginInfo info;
    private final List<TaskType<?, ?>> tasks;
    private final List<ModelType<?, ?>> models;
    private final List<Operation<?, ?>> operations;
    private final List<Panel> panels;
    private final List<ConfigProperty> config;
    private final List<Channel> channels;
    private final List<ServiceOffer<?>> services;
    private final List<OfflineCommand> commands;
    private final Optional<PersonalData> personalData;
    private final Optional<DemoSeeder> demo;
    private final Optional<String> migrations;

    private PluginDeclaration(Builder b) {
        this.info = b.info;
        this.tasks = List.copyOf(b.tasks);
        this.models = List.copyOf(b.models);
        this.operations = List.copyOf(b.operations);
        this.panels = List.copyOf(b.panels);
        this.config = List.copyOf(b.config);
        this.channels = List.copyOf(b.channels);
        this.services = List.copyOf(b.services);
        this.commands = List.copyOf(b.commands);
        this.personalData = Optional.ofNullable(b.personalData);
        this.demo = Optional.ofNullable(b.demo);
        this.migrations = Optional.ofNullable(b.migrations);
    }

    /** Starts the declaration of the plugin {@code info}; every part not given is empty. */
    public static Builder of(PluginInfo info) {
        return new Builder(Objects.requireNonNull(info, "info"));
    }

    /** @see OperonPlugin#info() */
    public PluginInfo info() {
        return info;
    }

    /** @see OperonPlugin#tasks() */
    public List<TaskType<?, ?>> tasks() {
        return tasks;
    }

    /** @see OperonPlugin#models() */
    public List<ModelType<?, ?>> models() {
        return models;
    }

    /** @see OperonPlugin#operations() */
    public List<Operation<?, ?>> operations() {
        return operations;
    }

    /** @see OperonPlugin#panels() */
    public List<Panel> panels() {
        return panels;
    }

    /** @see OperonPlugin#config() */
    public List<ConfigProperty> config() {
        return config;
    }

    /** @see OperonPlugin#channels() */
    public List<Channel> channels() {
        return channels;
    }

    /** @see OperonPlugin#services() */
    public List<ServiceOffer<?>> services() {
        return services;
    }

    /** @see OperonPlugin#commands() */
    public List<OfflineCommand> commands() {
        return commands;
    }

    /** @see OperonPlugin#personalData() */
    public Optional<PersonalData> personalData() {
        return personalData;
    }

    /** @see OperonPlugin#demo() */
    public Optional<DemoSeeder> demo() {
        return demo;
    }

    /** @see OperonPlugin#migrations() */
    public Optional<String> migrations() {
        return migrations;
    }

    /** Collects the parts of a {@link PluginDeclaration}; list methods add to what earlier calls gave. */
    public static final class Builder {

        private final PluginInfo info;
        private final List<TaskType<?, ?>> tasks = new ArrayList<>();
        private final List<ModelType<?, ?>> models = new ArrayList<>();
        private final List<Operation<?, ?>> operations = new ArrayList<>();
        private final List<Panel> panels = new ArrayList<>();
        private final List<ConfigProperty> config = new ArrayList<>();
        private final List<Channel> channels = new ArrayList<>();
        private final List<ServiceOffer<?>> services = new ArrayList<>();
        private final List<OfflineCommand> commands = new ArrayList<>();
        private PersonalData personalData;
        private DemoSeeder demo;
        private String migrations;

        private Builder(PluginInfo info) {
            this.info = info;
        }

        /** Task types, in order. */
        @SafeVarargs
        public final Builder tasks(List<? extends TaskType<?, ?>>... parts) {
            return addAll(tasks, parts);
        }

        /** Model types, in order. */
        @SafeVarargs
        public final Builder models(List<? extends ModelType<?, ?>>... parts) {
            return addAll(models, parts);
        }

        /** Operations, in order. */
        @SafeVarargs
        public final Builder operations(List<? extends Operation<?, ?>>... parts) {
            return addAll(operations, parts);
        }

        /** Console panels, in menu order. */
        @SafeVarargs
        public final Builder panels(List<? extends Panel>... parts) {
            return addAll(panels, parts);
        }

        /** Configuration keys. */
        @SafeVarargs
        public final Builder config(List<? extends ConfigProperty>... parts) {
            return addAll(config, parts);
        }

        /** Delivery channels. */
        @SafeVarargs
        public final Builder channels(List<? extends Channel>... parts) {
            return addAll(channels, parts);
        }

        /** Services offered to other plugins while this one is active. */
        @SafeVarargs
        public final Builder services(List<? extends ServiceOffer<?>>... parts) {
            return addAll(services, parts);
        }

        /** Offline commands. */
        @SafeVarargs
        public final Builder commands(List<? extends OfflineCommand>... parts) {
            return addAll(commands, parts);
        }

        /** The export and erasure hook; required for a plugin that keeps per-user data. */
        public Builder personalData(PersonalData hook) {
            this.personalData = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** Demo data for a demo workspace. */
        public Builder demo(DemoSeeder seeder) {
            this.demo = Objects.requireNonNull(seeder, "seeder");
            return this;
        }

        /** The classpath folder of the plugin's own Flyway migrations. */
        public Builder migrations(String folder) {
            this.migrations = Objects.requireNonNull(folder, "folder");
            return this;
        }

        public PluginDeclaration build() {
            return new PluginDeclaration(this);
        }

        @SafeVarargs
        private <T> Builder addAll(List<T> into, List<? extends T>... parts) {
            for (List<? extends T> part : parts) {
                into.addAll(part);
            }
            return this;
        }
    }
}
