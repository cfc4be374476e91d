package dev.operon.plugins.behaviour.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.behaviour.BehaviourPlugin;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import dev.operon.sdk.testkit.TestProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Planted groups of users with distinct habits are recovered as personas. */
class PersonasTrainTest {

    private static final List<List<String>> HABITS = List.of(
            List.of("Product Viewed", "Product Added", "Checkout Started", "Order Completed"),
            List.of("Help Viewed", "Ticket Opened", "Ticket Replied"),
            List.of("Article Read", "Video Played", "Article Shared"));
    private static final int PER_GROUP = 60;

    @Test
    void plantedGroupsAreRecovered() throws Exception {
        Random random = new Random(3);
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin(),
                Map.of("persona-epochs", "60", "persona-max-k", "6"))) {
            Map<Long, Integer> truth = new HashMap<>();
            Instant now = Instant.now();
            long id = 0;
            for (int group = 0; group < HABITS.size(); group++) {
                for (int u = 0; u < PER_GROUP; u++) {
                    id++;
                    truth.put(id, group);
                    kit.profiles().add(id, "user-" + id, Map.of("group", "g" + group), ProfileFeatures.none(now));
                    List<String> sequence = habit(random, HABITS.get(group));
                    for (int i = 0; i < sequence.size(); i++) {
                        kit.events().track(id, sequence.get(i),
                                now.minus(Duration.ofHours(sequence.size() - i)), Map.of());
                    }
                }
            }
            // a user who refused analytics is never read nor assigned
            long refused = ++id;
            kit.profiles().put(new Profile(refused, "user-x", List.of(), Map.of(), ProfileFeatures.none(now),
                    new Consent(Map.of(Consent.ANALYTICS, false)), Map.of(), now, now));
            kit.events().track(refused, "Article Read", now.minusSeconds(60), Map.of());

            TaskResult<PersonasTrainTask.Output> run = kit.runTask(PersonasTrainTask.ID, Map.of());
            PersonasTrainTask.Output out = run.output();
            assertEquals(HABITS.size() * PER_GROUP, out.users());
            assertEquals(3, out.k(), "k chosen by silhouette");
            Map<Long, Integer> assigned = new PersonaStore(kit.data()).assignments();
            List<Long> ids = new ArrayList<>(truth.keySet());
            double ari = adjustedRand(ids.stream().mapToInt(truth::get).toArray(),
                    ids.stream().mapToInt(assigned::get).toArray());
            assertTrue(ari > 0.9, "adjusted Rand index " + ari);
            assertEquals(null, kit.profiles().scores(refused, "persona"));
            Map<String, Object> score = kit.profiles().scores(1, "persona");
            assertEquals(assigned.get(1L), score.get("persona"));
            assertEquals(1, kit.models().versions(PersonaModelType.ID).size());

            int shoppers = assigned.get(1L);
            PersonaAssignment predicted = kit.models().predict(PersonaModelType.ID,
                    new PersonaInput(habit(new Random(99), HABITS.get(0))));
            assertEquals(shoppers, predicted.persona(), "a new shopper is placed with the shoppers");

            List<PersonaStore.PersonaRow> personas = kit.call("list-personas", Map.of(), Operation.Role.VIEWER);
            assertEquals(3, personas.size());
            PersonaStore.PersonaRow shopperRow = personas.get(shoppers);
            assertEquals(PER_GROUP, shopperRow.size());
            assertTrue(shopperRow.label().matches(".*(Product|Checkout|Order).*"), shopperRow.label());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Number>> traits =
                    (Map<String, Map<String, Number>>) shopperRow.stats().get("exampleTraits");
            assertEquals(1.0, traits.get("group").get("g0").doubleValue(), "every shopper has group g0");
        }
    }

    /** A habit repeated a few times, with a little noise. */
    private static List<String> habit(Random random, List<String> steps) {
        List<String> out = new ArrayList<>();
        for (int r = 2 + random.nextInt(4); r > 0; r--) {
            for (String step : steps) {
                if (random.nextDouble() < 0.85) {
                    out.add(step);
                }
            }
            if (random.nextDouble() < 0.5) {
                out.add("App Opened");
            }
        }
        return out;
    }

    /** Hubert and Arabie's adjusted Rand index of two labelings. */
    static double adjustedRand(int[] a, int[] b) {
        Map<Long, Integer> pairs = new HashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> cols = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            pairs.merge(((long) a[i] << 32) | b[i], 1, Integer::sum);
            rows.merge(a[i], 1, Integer::sum);
            cols.merge(b[i], 1, Integer::sum);
        }
        double index = pairs.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
        double sumRows = rows.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
        double sumCols = cols.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
        double total = a.length * (a.length - 1) / 2.0;
        double expected = sumRows * sumCols / total;
        double max = (sumRows + sumCols) / 2;
        return (index - expected) / (max - expected);
    }
}
