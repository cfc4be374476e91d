package dev.operon.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.audit.Actor;
import dev.operon.core.tasks.TaskService;
import dev.operon.core.tasks.TaskView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduled profile update is registered once per database, and stays deleted when an operator deletes it. */
@QuarkusTest
class DefaultUpdateScheduleTest {

    @Inject
    DefaultUpdateSchedule schedule;

    @Inject
    TaskService tasks;

    @Test
    void registeredOnceWithItsDefaultScheduleAndNotRecreated() {
        assertThat(schedule.registerOnce()).isTrue();
        List<TaskView> found = tasks.list(ProfilesUpdateTask.ID, null, 0, 10);
        assertThat(found).singleElement().satisfies(task -> {
            assertThat(task.name()).isEqualTo(DefaultUpdateSchedule.NAME);
            assertThat(task.schedule().kind()).isEqualTo("interval");
            assertThat(task.schedule().everySeconds()).isEqualTo(300L);
            assertThat(task.concurrency()).isEqualTo("skip");
            assertThat(task.enabled()).isTrue();
        });
        // the rest of the suite triggers updates itself
        tasks.delete(DefaultUpdateSchedule.NAME, Actor.operator("tester"));
        assertThat(schedule.registerOnce()).isFalse();
        assertThat(tasks.list(ProfilesUpdateTask.ID, null, 0, 10)).isEmpty();
    }
}
