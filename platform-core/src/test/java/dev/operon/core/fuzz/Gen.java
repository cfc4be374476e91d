package dev.operon.core.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A seeded generator of test inputs: {@link #next(Random)} draws one value from the given random source, so the same
 * seed always gives the same values. The static factories and combinators cover what the fuzz and property tests
 * need; there is no shrinking, so tests print the seed with every failing input instead.
 *
 * @param <T> the type of the generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /** Draws one value; all randomness must come from {@code random}. */
    T next(Random random);

    /** The seed for a test: {@code -Doperon.fuzz.seed=N} overrides the test's own fixed default. */
    static long seed(long defaultSeed) {
        return Long.getLong("operon.fuzz.seed", defaultSeed);
    }

    /** {@code count} values drawn one after another from a random source seeded with {@code seed}. */
    default List<T> samples(long seed, int count) {
        Random random = new Random(seed);
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(next(random));
        }
        return values;
    }

    /** The generated value transformed by {@code mapper}. */
    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** Lists of between {@code minSize} and {@code maxSize} (inclusive) values of this generator. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        Gen<Integer> sizes = ints(minSize, maxSize);
        return random -> {
            int size = sizes.next(random);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /** One of the given values, each equally likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of the given values, each equally likely. */
    static <T> Gen<T> of(List<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        List<? extends T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value of one of the given generators, each generator equally likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        Gen<Gen<? extends T>> choice = of(List.of(gens));
        return random -> choice.next(random).next(random);
    }

    /** A generator and how often it is chosen relative to the others in {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {

        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }
    }

    /** Pairs a weight with a generator for {@link #frequency}. */
    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A value of one of the generators, each chosen in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> all = List.of(choices);
        int total = all.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int ticket = random.nextInt(total);
            for (Weighted<? extends T> choice : all) {
                ticket -= choice.weight();
                if (ticket < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed while drawing");
        };
    }

    /** Two generated values joined by {@code combiner}. */
    static <A, B, R> Gen<R> combine(Gen<A> first, Gen<B> second, BiFunction<? super A, ? super B, ? extends R> combiner) {
        return random -> {
            A a = first.next(random);
            return combiner.apply(a, second.next(random));
        };
    }

    /** Integers from {@code min} to {@code max}, both inclusive. */
    static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        return random -> (int) (min + (long) (random.nextDouble() * ((long) max - min + 1)));
    }

    /** Doubles from {@code min} (inclusive) to {@code max} (exclusive). */
    static Gen<Double> doubles(double min, double max) {
        return random -> min + random.nextDouble() * (max - min);
    }

    /** Booleans, each equally likely. */
    static Gen<Boolean> booleans() {
        return Random::nextBoolean;
    }

    /** Characters from {@code from} to {@code to}, both inclusive. */
    static Gen<Character> chars(char from, char to) {
        return ints(from, to).map(code -> (char) code.intValue());
    }

    /** Characters of {@code set}, each equally likely. */
    static Gen<Character> charsOf(String set) {
        return of(set.chars().mapToObj(c -> (char) c).toList());
    }

    /**
     * Any UTF-16 code unit, {@code \u0000} to {@code \uffff}: includes NUL, control characters, lone surrogates and
     * non-characters.
     */
    static Gen<Character> anyChar() {
        return chars(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    /** Strings of between {@code minLength} and {@code maxLength} (inclusive) characters of {@code chars}. */
    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return chars.list(minLength, maxLength).map(list -> {
            StringBuilder text = new StringBuilder(list.size());
            list.forEach(text::append);
            return text.toString();
        });
    }

    /** Byte arrays of between {@code minSize} and {@code maxSize} (inclusive) random bytes. */
    static Gen<byte[]> bytes(int minSize, int maxSize) {
        Gen<Integer> sizes = ints(minSize, maxSize);
        return random -> {
            byte[] bytes = new byte[sizes.next(random)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
