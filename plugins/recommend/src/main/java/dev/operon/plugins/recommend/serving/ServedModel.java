package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.catalog.Catalog;
import dev.operon.plugins.recommend.model.Recommender;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One model version as served on this node: the loaded recommender, its approximate index when it has one, and
 * the catalogue laid over its items (rebuilt when the catalogue changes). Immutable apart from that cache; a
 * champion swap replaces the whole object, so a request that read one keeps a consistent model to its end.
 *
 * @param modelType   the model type id, such as {@code recommend.ease}
 * @param version     the version number in the model lifecycle
 * @param recommender the loaded model
 * @param index       an approximate inner-product index over its embeddings, or null (exact scoring)
 */
public record ServedModel(String modelType, int version, Recommender recommender, HnswIndex index,
                          AtomicReference<ItemTable> tables) {

    public ServedModel(String modelType, int version, Recommender recommender, HnswIndex index) {
        this(modelType, version, recommender, index, new AtomicReference<>());
    }

    /** The same model with an index. */
    public ServedModel withIndex(HnswIndex built) {
        return new ServedModel(modelType, version, recommender, built, tables);
    }

    /** The catalogue over this model's items, built at most once per catalogue version. */
    public ItemTable table(Catalog catalog) {
        ItemTable table = tables.get();
        if (table == null || table.catalogVersion() != catalog.version()) {
            table = ItemTable.of(recommender.items(), catalog);
            tables.set(table);
        }
        return table;
    }

    /** {@code recommend.ease v3}. */
    public String label() {
        return modelType + " v" + version;
    }
}
