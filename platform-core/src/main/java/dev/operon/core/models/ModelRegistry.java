package dev.operon.core.models;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.Models;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry: validates and stores versions, decides automatic promotion, promotes and rolls back on an
 * admin's request. Registrations and stage changes of one model type are serialised by a transaction lock; every
 * stage change is audited in the same transaction, and serving hears of a new champion after the commit.
 */
@ApplicationScoped
public class ModelRegistry {

    @Inject
    ModelStore store;

    @Inject
    ModelCatalog catalog;

    @Inject
    ArtifactCache cache;

    @Inject
    AuditService audit;

    @Inject
    ModelsConfig config;

    @Inject
    ModelServing serving;

    @Inject
    Event<ChampionChanged> championChanges;

    /** The models of plugin {@code pluginId} outside a task: registrations are stored at once. */
    public Models forPlugin(String pluginId) {
        return new PluginModels(pluginId, this, serving);
    }

    /** The models of one task attempt: registrations wait for the attempt's success. */
    public AttemptModels forAttempt(String pluginId) {
        return new AttemptModels(pluginId, this, serving);
    }

    /** Checks a draft and zips its folder; {@link IllegalArgumentException} says what is wrong with it. */
    StagedVersion stage(String pluginId, ModelDraft draft) {
        validate(pluginId, draft);
        try {
            java.nio.file.Path zip = cache.newStagingFile();
            try {
                return new StagedVersion(pluginId, draft, Artifacts.zip(draft.directory(), zip));
            } catch (IOException | RuntimeException e) {
                Artifacts.deleteQuietly(zip);
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("model draft of " + draft.modelType() + " refused: " + e.getMessage(),
                    e);
        }
    }

    private void validate(String pluginId, ModelDraft draft) {
        String type = draft.modelType();
        ModelCatalog.Entry entry = catalog.find(type).filter(e -> e.pluginId().equals(pluginId))
                .orElseThrow(() -> new IllegalArgumentException("model draft refused: model type '" + type
                        + "' is not declared by plugin " + pluginId));
        MetricGoal goal = entry.type().primaryMetric();
        Double value = draft.validationMetrics().get(goal.name());
        if (value == null) {
            throw new IllegalArgumentException("model draft of " + type + " refused: it has no validation metric '"
                    + goal.name() + "' (the type's primary metric); it has " + draft.validationMetrics().keySet());
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("model draft of " + type + " refused: validation metric '"
                    + goal.name() + "' is " + value);
        }
        if (draft.modelName().isBlank()) {
            throw new IllegalArgumentException("model draft of " + type + " refused: the model name is blank");
        }
    }

    /**
     * Stores staged versions (of a succeeded run, or registered outside a task) and promotes each that wins; joins
     * the caller's transaction. Returns one sentence per version saying what became of it. The audit records are
     * appended after the artifacts are written, so that the audit log is locked as briefly as possible.
     */
    @Transactional
    public List<String> store(List<StagedVersion> staged, Long runId) {
        List<String> outcomes = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (StagedVersion version : staged) {
            outcomes.add(storeOne(version, runId, events));
        }
        events.forEach(audit::record);
        return outcomes;
    }

    private String storeOne(StagedVersion staged, Long runId, List<AuditEvent> events) {
        ModelDraft draft = staged.draft();
        String type = draft.modelType();
        ModelCatalog.Entry entry = catalog.find(type).orElseThrow(() -> new IllegalStateException(
                "model type " + type + " is no longer installed"));
        Actor actor = new Actor(Actor.Type.PLUGIN, staged.pluginId());
        store.lockType(type);
        int version = store.nextVersion(type);
        Optional<RegisteredVersion> champion = store.champion(type);
        PromotionRule.Decision decision = PromotionRule.decide(entry.type().primaryMetric(),
                config.marginFor(type), version, draft.validationMetrics(), champion);
        if (decision.promote()) {
            champion.ifPresent(old -> events.add(archive(old, version, actor)));
        }
        String stage = decision.promote() ? RegisteredVersion.CHAMPION : RegisteredVersion.CANDIDATE;
        long id = store.insert(new ModelStore.NewVersion(staged.pluginId(), type, version, stage, runId,
                draft.modelName(), draft.parameters(), draft.dataFrom(), draft.dataTo(), draft.validationMetrics(),
                draft.testMetrics(), draft.properties(), staged.artifact(), actor.toString(), decision.reason()));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", version);
        after.put("stage", stage);
        after.put("validationMetrics", draft.validationMetrics());
        after.put("artifactSha256", staged.artifact().sha256());
        after.put("artifactBytes", staged.artifact().bytes());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", decision.reason());
        if (runId != null) {
            details.put("runId", runId);
        }
        events.add(new AuditEvent(actor, "model.register", target(type, version), AuditEvent.SUCCESS,
                RequestIds.current(), null, after, details));
        if (decision.promote()) {
            events.add(new AuditEvent(actor, "model.promote", target(type, version), AuditEvent.SUCCESS,
                    RequestIds.current(), null, Map.of("stage", stage), Map.of("reason", decision.reason(),
                    "trigger", "automatic")));
            championChanges.fire(new ChampionChanged(type));
        }
        return "registered " + type + " version " + version + " (id " + id + "): " + decision.reason();
    }

    /** Makes version {@code version} champion on an admin's request; the champion is archived. */
    @Transactional
    public RegisteredVersion promote(String modelType, int version, String reason, Actor actor) {
        store.lockType(modelType);
        RegisteredVersion target = store.find(modelType, version).orElseThrow(() -> missing(modelType, version));
        if (target.champion()) {
            throw ApiException.conflict("version " + version + " of " + modelType + " is already the champion");
        }
        return crown(target, store.champion(modelType), reason, actor, "model.promote");
    }

    /**
     * Goes back to an earlier version: {@code version}, or without it the champion before the current one. The
     * current champion is archived.
     */
    @Transactional
    public RegisteredVersion rollback(String modelType, Integer version, String reason, Actor actor) {
        store.lockType(modelType);
        RegisteredVersion champion = store.champion(modelType).orElseThrow(() -> ApiException.conflict(
                modelType + " has no champion to roll back from"));
        RegisteredVersion target = version == null
                ? store.previousChampion(modelType).orElseThrow(() -> ApiException.conflict(modelType
                + " has no earlier champion to roll back to; name a version"))
                : store.find(modelType, version).orElseThrow(() -> missing(modelType, version));
        if (target.version() >= champion.version()) {
            throw ApiException.conflict("a rollback goes to a version before the champion (" + champion.version()
                    + "); use promote for version " + target.version());
        }
        return crown(target, Optional.of(champion), reason, actor, "model.rollback");
    }

    private RegisteredVersion crown(RegisteredVersion target, Optional<RegisteredVersion> champion, String reason,
                                    Actor actor, String action) {
        champion.ifPresent(old -> audit.record(archive(old, target.version(), actor)));
        store.makeChampion(target.id(), actor.toString(), reason);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("stage", target.stage());
        before.put("champion", champion.map(RegisteredVersion::version).orElse(null));
        audit.record(new AuditEvent(actor, action, target(target.modelType(), target.version()), AuditEvent.SUCCESS,
                RequestIds.current(), before, Map.of("stage", RegisteredVersion.CHAMPION),
                Map.of("reason", reason, "trigger", "manual")));
        championChanges.fire(new ChampionChanged(target.modelType()));
        return store.find(target.id()).orElseThrow();
    }

    /** Archives the champion; returns the audit event to record. */
    private AuditEvent archive(RegisteredVersion old, int replacedBy, Actor actor) {
        store.archive(old.id());
        return new AuditEvent(actor, "model.archive", target(old.modelType(), old.version()), AuditEvent.SUCCESS,
                RequestIds.current(), Map.of("stage", old.stage()), Map.of("stage", RegisteredVersion.ARCHIVED),
                Map.of("replacedBy", replacedBy));
    }

    public List<RegisteredVersion> versions(String modelType) {
        List<RegisteredVersion> versions = store.versions(modelType);
        if (versions.isEmpty() && catalog.find(modelType).isEmpty()) {
            throw ApiException.notFound("no model type '" + modelType + "'");
        }
        return versions;
    }

    public RegisteredVersion version(String modelType, int version) {
        return store.find(modelType, version).orElseThrow(() -> missing(modelType, version));
    }

    public Optional<RegisteredVersion> champion(String modelType) {
        return store.champion(modelType);
    }

    /** The champion before the current one: where a rollback without a version goes. */
    public Optional<RegisteredVersion> previousChampion(String modelType) {
        return store.previousChampion(modelType);
    }

    /** Every declared model type with its champion. */
    public List<ModelTypeView> overview() {
        Map<String, Long> counts = store.counts();
        return catalog.all().stream().map(entry -> {
            String id = entry.type().id();
            MetricGoal goal = entry.type().primaryMetric();
            return new ModelTypeView(id, entry.pluginId(), entry.type().title(), entry.type().description(),
                    new ModelTypeView.Goal(goal.name(), goal.higherIsBetter()), config.marginFor(id),
                    counts.getOrDefault(id, 0L), store.champion(id).map(ModelTypeView.Champion::of).orElse(null));
        }).toList();
    }

    private static ApiException missing(String modelType, int version) {
        return ApiException.notFound("no version " + version + " of model type '" + modelType + "'");
    }

    private static String target(String modelType, int version) {
        return "model:" + modelType + "/" + version;
    }
}
