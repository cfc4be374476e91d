package dev.operon.plugins.behaviour.segments.rules;

/** {@code {"trait": "plan", "eq": "pro"}}: a comparison of the profile's current trait value. */
record TraitCondition(String trait, ValueTest test) implements Condition {
    @Override
    public boolean test(Facts facts) {
        return test.test(facts.profile().trait(trait));
    }
}
