package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.audit.AuditEntry;
import dev.operon.core.audit.AuditVerification;
import dev.operon.core.models.ModelTypeView;
import dev.operon.core.models.RegisteredVersion;
import dev.operon.core.plugins.ConfigEntry;
import dev.operon.core.plugins.PluginDetail;
import dev.operon.core.plugins.PluginSummary;
import dev.operon.core.runs.LogLine;
import dev.operon.core.runs.RunView;
import dev.operon.core.runs.StateChange;
import dev.operon.core.security.ApiKeyView;
import dev.operon.core.security.OperatorView;
import dev.operon.core.tasks.ScheduleSpec;
import dev.operon.core.tasks.TaskTypeView;
import dev.operon.core.tasks.TaskView;
import dev.operon.sdk.panel.Panel;
import io.quarkus.qute.TemplateData;

/** The platform's own types that console templates read: Qute generates their value resolvers at build time. */
@TemplateData(target = TaskView.class)
@TemplateData(target = TaskTypeView.class)
@TemplateData(target = ScheduleSpec.class)
@TemplateData(target = RunView.class)
@TemplateData(target = StateChange.class)
@TemplateData(target = LogLine.class)
@TemplateData(target = AuditEntry.class)
@TemplateData(target = AuditVerification.class)
@TemplateData(target = PluginSummary.class)
@TemplateData(target = PluginDetail.class)
@TemplateData(target = PluginDetail.OperationView.class)
@TemplateData(target = PluginDetail.ConfigDescriptor.class)
@TemplateData(target = ConfigEntry.class)
@TemplateData(target = Panel.class)
@TemplateData(target = dev.operon.sdk.panel.Widget.Column.class)
@TemplateData(target = ModelTypeView.class)
@TemplateData(target = ModelTypeView.Goal.class)
@TemplateData(target = ModelTypeView.Champion.class)
@TemplateData(target = RegisteredVersion.class)
@TemplateData(target = OperatorView.class)
@TemplateData(target = ApiKeyView.class)
@TemplateData(target = dev.operon.core.security.CreatedApiKey.class)
@TemplateData(target = ApiException.class)
@TemplateData(target = Problem.FieldError.class)
@TemplateData(target = dev.operon.core.ingest.EventView.class)
@TemplateData(target = dev.operon.core.profiles.ProfileViews.Summary.class)
@TemplateData(target = dev.operon.core.profiles.ProfileViews.Detail.class)
@TemplateData(target = dev.operon.core.profiles.ProfileViews.Identity.class)
@TemplateData(target = dev.operon.core.profiles.ProfileViews.TimelineEvent.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
