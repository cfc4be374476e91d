package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LeftSemiContextsTest {

    @Test
    void presentAndPartlyPresentSemiContextsAreExactlyThoseABruteForceCrossingFinds() {
        Random random = new Random(21);
        LeftSemiContexts lefts = new LeftSemiContexts();
        List<SemiContext> all = new ArrayList<>();
        Set<SemiContext> zeroLevel = new HashSet<>();
        for (int k = 0; k < 400; k++) {
            SemiContext s = lefts.getOrCreate(randomFacts(random, 1 + random.nextInt(6)));
            if (!all.contains(s)) {
                all.add(s);
            }
            if (random.nextInt(3) == 0) {
                lefts.holdsZeroLevel(s);
                zeroLevel.add(s);
            }
        }
        for (int round = 0; round < 50; round++) {
            int[] group = randomFacts(random, 3 + random.nextInt(10)).facts();
            List<SemiContext> present = lefts.markPresent(group);
            List<SemiContext> partial = lefts.partiallyPresent(group);
            Set<Integer> inGroup = new HashSet<>();
            for (int f : group) {
                inGroup.add(f);
            }
            for (SemiContext s : all) {
                int shared = (int) Arrays.stream(s.facts.facts()).filter(inGroup::contains).count();
                boolean wholly = shared == s.size();
                assertEquals(wholly, present.contains(s), "present " + Arrays.toString(s.facts.facts()));
                assertEquals(wholly, s.present);
                boolean partly = shared > 0 && !wholly && zeroLevel.contains(s);
                assertEquals(partly, partial.contains(s), "partial " + Arrays.toString(s.facts.facts()));
                if (partly) {
                    assertEquals(shared, s.sharedCount());
                    assertTrue(Arrays.stream(s.sharedFacts().facts()).allMatch(inGroup::contains));
                }
            }
        }
    }

    @Test
    void theSameFactsGiveTheSameSemiContext() {
        LeftSemiContexts lefts = new LeftSemiContexts();
        SemiContext a = lefts.getOrCreate(new FactSet(new int[] {1, 4, 70}));
        SemiContext b = lefts.getOrCreate(new FactSet(new int[] {1, 4, 70}));
        assertTrue(a == b);
        assertEquals(1, lefts.size());
    }

    private static FactSet randomFacts(Random random, int n) {
        TreeSet<Integer> facts = new TreeSet<>();
        while (facts.size() < n) {
            // value facts 0-5 and a few context facts from 64 on, as CAD OSE's left groups hold
            facts.add(random.nextBoolean() ? random.nextInt(6) : 64 + random.nextInt(12));
        }
        return new FactSet(facts.stream().mapToInt(Integer::intValue).toArray());
    }
}
