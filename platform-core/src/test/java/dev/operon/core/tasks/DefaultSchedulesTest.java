package dev.operon.core.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plugins' {@code defaultCron} schedules: created once per database, an operator's deletion stands. */
@QuarkusTest
class DefaultSchedulesTest {

    @Inject
    DefaultSchedules defaults;

    @Inject
    TaskService tasks;

    @Test
    void behaviourTasksGetTheirSchedulesOnceAndADeletionStands() {
        List<TaskRequest> wanted = defaults.pluginDefinitions();
        assertThat(wanted).extracting(TaskRequest::name)
                .contains("behaviour.segments-refresh", "behaviour.churn-score", "behaviour.clv-fit");

        defaults.ensureAll(wanted);
        TaskView refresh = tasks.get("behaviour.segments-refresh");
        assertThat(refresh.schedule().kind()).isEqualTo("cron");
        assertThat(refresh.schedule().cron()).isEqualTo("0 0/5 * * * ?");
        assertThat(refresh.enabled()).isTrue();
        assertThat(refresh.createdBy()).isEqualTo(Actor.SYSTEM.toString());
        assertThat(refresh.nextFireTimes()).isNotEmpty();

        assertThat(defaults.ensureAll(wanted)).as("a second start creates nothing").isEmpty();

        tasks.delete("behaviour.segments-refresh", Actor.SYSTEM);
        assertThat(defaults.ensureAll(wanted)).as("an operator's deletion stands").isEmpty();
        assertThatThrownBy(() -> tasks.get("behaviour.segments-refresh")).isInstanceOf(ApiException.class);
    }
}
