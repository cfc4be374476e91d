package dev.operon.plugins.recommend.model;

/**
 * What every trained recommender holds besides its weights: its kind and the id maps of the users and items it was
 * trained on. Subclasses pass them up once and inherit {@link #kind()}, {@link #users()} and {@link #items()}.
 */
public abstract class BaseRecommender implements Recommender {

    private final ModelKind kind;
    /** The users seen in training. */
    protected final IdIndex users;
    /** The items the model scores; score arrays are indexed like this map. */
    protected final IdIndex items;

    protected BaseRecommender(ModelKind kind, IdIndex users, IdIndex items) {
        this.kind = kind;
        this.users = users;
        this.items = items;
    }

    @Override
    public final ModelKind kind() {
        return kind;
    }

    @Override
    public final IdIndex users() {
        return users;
    }

    @Override
    public final IdIndex items() {
        return items;
    }
}
