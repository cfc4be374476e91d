package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.cs.understanding.minilm.EncoderClassifierBlock;
import dev.operon.plugins.cs.understanding.minilm.OnnxInitializers;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice among the classifier, the fine-tuning head and their average, and the head's arithmetic. */
class ScorerChoiceTest {

    private static final int[] TRUTH = {0, 1, 2, 0};

    @Test
    void choosesTheScorerWithTheBestValidationAccuracy() {
        float[][] classifier = {{.6f, .3f, .1f}, {.5f, .4f, .1f}, {.1f, .2f, .7f}, {.7f, .2f, .1f}};
        float[][] head = {{.1f, .8f, .1f}, {.1f, .8f, .1f}, {.1f, .1f, .8f}, {.8f, .1f, .1f}};
        Map<IntentScorer, float[][]> candidates = new EnumMap<>(IntentScorer.class);
        candidates.put(IntentScorer.CLASSIFIER, classifier);
        candidates.put(IntentScorer.HEAD, head);
        candidates.put(IntentScorer.AVERAGE, ScorerChoice.average(classifier, head));

        ScorerChoice choice = ScorerChoice.choose(candidates, TRUTH, -1);

        // classifier misses row 1, head misses row 0, the average (row 0: .35/.55, row 1: .3/.6) misses row 0 too
        assertEquals(0.75, choice.accuracies().get(IntentScorer.CLASSIFIER), 1e-12);
        assertEquals(0.75, choice.accuracies().get(IntentScorer.HEAD), 1e-12);
        assertEquals(0.75, choice.accuracies().get(IntentScorer.AVERAGE), 1e-12);
        assertEquals(IntentScorer.CLASSIFIER, choice.scorer(), "a tie goes to the simpler scorer");

        float[][] better = {{.6f, .3f, .1f}, {.3f, .6f, .1f}, {.1f, .1f, .8f}, {.8f, .1f, .1f}};
        candidates.put(IntentScorer.AVERAGE, better);
        ScorerChoice averaged = ScorerChoice.choose(candidates, TRUTH, -1);
        assertEquals(IntentScorer.AVERAGE, averaged.scorer());
        assertEquals(1.0, averaged.accuracies().get(IntentScorer.AVERAGE), 1e-12);
        assertEquals(0, averaged.threshold());
    }

    @Test
    void calibratesTheOutOfScopeThresholdOfTheChosenScorer() {
        // column 2 is oos: row 2 is out of scope, and only the low top of the head tells it
        float[][] classifier = {{.9f, .05f, .05f}, {.1f, .85f, .05f}, {.95f, .03f, .02f}, {.9f, .05f, .05f}};
        float[][] head = {{.9f, .05f, .05f}, {.1f, .85f, .05f}, {.4f, .35f, .25f}, {.9f, .05f, .05f}};
        Map<IntentScorer, float[][]> candidates = new EnumMap<>(IntentScorer.class);
        candidates.put(IntentScorer.CLASSIFIER, classifier);
        candidates.put(IntentScorer.HEAD, head);

        ScorerChoice choice = ScorerChoice.choose(candidates, new int[] {0, 1, 2, 0}, 2);

        assertEquals(IntentScorer.HEAD, choice.scorer());
        assertEquals(1.0, choice.accuracies().get(IntentScorer.HEAD), 1e-12);
        assertTrue(choice.threshold() > .4 && choice.threshold() <= .85, "threshold " + choice.threshold());
        assertEquals(0.75, choice.accuracies().get(IntentScorer.CLASSIFIER), 1e-12);
        assertEquals(2, choice.accuracies().size());
        assertThrows(IllegalArgumentException.class, () -> ScorerChoice.choose(Map.of(), TRUTH, -1));
    }

    @Test
    void theHeadScoresTheEnglishBlockAndLeavesOtherRowsToTheClassifier() {
        int dims = MessageEncoder.ENGLISH_DIMENSIONS;
        float[] weight = new float[2 * dims];
        weight[0] = 1;           // class a reads value 0
        weight[dims + 1] = 1;    // class b reads value 1
        Map<String, OnnxInitializers.Tensor> weights = Map.of(
                "head.weight", new OnnxInitializers.Tensor(new long[] {2, dims}, weight),
                "head.bias", new OnnxInitializers.Tensor(new long[] {2}, new float[] {0, .5f}));
        FineTuningHead head = FineTuningHead.of(weights, List.of("a", "b"), List.of(Language.ENGLISH));
        float[] english = new float[dims];
        english[0] = .2f;
        float[][] features = {english, new float[dims]};

        float[][] p = head.probabilities(features);

        double logitA = .2 * EncoderClassifierBlock.SCALE;
        double expectedA = Math.exp(logitA) / (Math.exp(logitA) + Math.exp(.5));
        assertEquals(expectedA, p[0][0], 1e-6);
        assertEquals(1 - expectedA, p[0][1], 1e-6);
        assertNull(p[1], "no English vector, no head probabilities");

        float[][] classifier = {{.3f, .7f}, {.9f, .1f}};
        float[][] averaged = head.combine(IntentScorer.AVERAGE, classifier, features);
        assertEquals((.3 + expectedA) / 2, averaged[0][0], 1e-6);
        assertArrayEquals(classifier[1], averaged[1]);
        assertArrayEquals(p[0], head.combine(IntentScorer.HEAD, classifier, features)[0]);
        assertNull(FineTuningHead.of(weights, List.of("a", "b", "c"), List.of(Language.ENGLISH)),
                "a head of other labels is not used");
    }
}
