package dev.operon.plugins.recommend.model;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The sequential Transformer (SASRec-style): the user's last L items, oldest first, go through the
 * {@link SequenceNetwork}; the state after the last one is the query, dotted with every item's embedding. The user
 * index is not used: a history is all it needs, so unknown users are served like known ones.
 */
public final class SequenceRecommender extends BaseRecommender {

    static final String NAME = "sasrec";
    static final String SHAPE = "sasrec.properties";
    private final NDManager manager;
    private final AutoCloseable owner;
    private final SequenceNetwork network;
    private final float[] itemVectors;

    /** Wraps a trained network; takes ownership of {@code model}. */
    public SequenceRecommender(IdIndex users, IdIndex items, Model model) {
        this(users, items, (SequenceNetwork) model.getBlock(), model.getNDManager(), model);
    }

    /**
     * A view of a network that someone else owns (during training, for validation); {@link #close()} only closes
     * {@code owner}, which may be null.
     */
    public SequenceRecommender(IdIndex users, IdIndex items, SequenceNetwork network, NDManager manager,
                               AutoCloseable owner) {
        super(ModelKind.SASREC, users, items);
        this.network = network;
        this.manager = manager;
        this.owner = owner;
        float[] table = network.itemTable().getArray().toFloatArray();
        int d = network.dimension();
        this.itemVectors = java.util.Arrays.copyOfRange(table, d, table.length);
    }

    static SequenceRecommender load(IdIndex users, IdIndex items, Path directory) throws IOException {
        Properties shape = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(SHAPE), StandardCharsets.UTF_8)) {
            shape.load(in);
        }
        SequenceNetwork network = new SequenceNetwork(items.size(), integer(shape, "dimension"),
                integer(shape, "length"), integer(shape, "layers"), integer(shape, "heads"), 0f);
        Model model = Model.newInstance(NAME);
        try {
            model.setBlock(network);
            model.load(directory, NAME);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e instanceof IOException io ? io : new IOException("cannot load the sasrec model", e);
        }
        return new SequenceRecommender(users, items, model);
    }

    private static int integer(Properties shape, String key) {
        return Integer.parseInt(shape.getProperty(key));
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        float[] query = new float[network.dimension()];
        query(history, query);
        Vectors.dotAll(itemVectors, network.dimension(), items.size(), query, out);
    }

    /** The state after the last history item (zeros-in for an empty history: the padding-only state). */
    private void query(int[] history, float[] out) {
        try (NDManager manager = this.manager.newSubManager()) {
            NDList inputs = network.inputs(manager, List.of(history));
            NDArray states = network.forward(new ParameterStore(manager, false), inputs, false).head();
            float[] last = states.get(0, network.length() - 1).toFloatArray();
            System.arraycopy(last, 0, out, 0, network.dimension());
        }
    }

    @Override
    public Optional<EmbeddingView> embeddings() {
        return Optional.of(new EmbeddingView() {
            @Override
            public int dimension() {
                return network.dimension();
            }

            @Override
            public float[] itemVectors() {
                return itemVectors;
            }

            @Override
            public void query(int user, int[] history, float[] out) {
                SequenceRecommender.this.query(history, out);
            }
        });
    }

    @Override
    public Optional<ItemSimilarity> similarity() {
        return Optional.of((item, out) -> Vectors.cosineAll(itemVectors, network.dimension(), items.size(), item,
                out));
    }

    @Override
    public void saveState(Path directory) throws IOException {
        Properties shape = new Properties();
        shape.setProperty("dimension", Integer.toString(network.dimension()));
        shape.setProperty("length", Integer.toString(network.length()));
        shape.setProperty("layers", Integer.toString(network.layers()));
        shape.setProperty("heads", Integer.toString(network.heads()));
        try (Writer out = Files.newBufferedWriter(directory.resolve(SHAPE), StandardCharsets.UTF_8)) {
            shape.store(out, "sasrec network shape");
        }
        // a shell to write the network's parameters with; closing it leaves them to the manager that owns them
        try (Model shell = Model.newInstance(NAME)) {
            shell.setBlock(network);
            shell.save(directory, NAME);
        }
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the sasrec model", e);
            }
        }
    }
}
