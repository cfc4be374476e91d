package dev.operon.plugins.cs.understanding;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pretrained Transformer sentence encoder (an ONNX graph and its HuggingFace tokenizer, read from the class path)
 * run in DJL's ONNX Runtime engine. Gives one L2-normalised vector per text. Thread-safe: predictors are pooled.
 *
 * <p>Each run of the graph uses one thread; a list of texts is cut into small batches of similar length that run
 * side by side on {@code parallelism} predictors. On 2 CPU cores that gives about twice the messages per second of
 * one batch of 32 run with ONNX Runtime's own intra-operator threads (docs/benchmarks.md, "Customer service"), and
 * the same latency for one message.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** How token states become one sentence vector, as the encoder was trained. */
    public enum Pooling { MEAN, CLS }

    private static final int MAX_TOKENS = 128;
    /** Texts per run of the graph: small, since a batch costs more per text than it saves beyond a few rows. */
    private static final int BATCH = 8;
    private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();

    private final String name;
    private final int dimensions;
    private final Pooling pooling;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final BlockingQueue<Predictor<NDList, NDList>> predictors;
    private final List<Predictor<NDList, NDList>> allPredictors = new ArrayList<>();
    private final ExecutorService workers;

    private SentenceEncoder(String name, int dimensions, Pooling pooling, HuggingFaceTokenizer tokenizer,
                            ZooModel<NDList, NDList> model, int parallelism) {
        this.name = name;
        this.dimensions = dimensions;
        this.pooling = pooling;
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictors = new ArrayBlockingQueue<>(parallelism);
        for (int i = 0; i < parallelism; i++) {
            Predictor<NDList, NDList> predictor = model.newPredictor();
            allPredictors.add(predictor);
            predictors.add(predictor);
        }
        this.workers = Executors.newFixedThreadPool(Math.max(1, parallelism - 1), runnable -> {
            Thread thread = new Thread(runnable, "operon-encoder-" + WORKER_NUMBERS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loads the encoder whose files {@code <resource>.onnx} and {@code <resource>-tokenizer.json} are at the root of
     * the class path, copying them once into {@code cacheDir} (ONNX Runtime reads a file).
     */
    public static SentenceEncoder load(String resource, int dimensions, Pooling pooling, Path cacheDir,
                                       int parallelism) {
        Path onnx;
        Path tokenizerJson;
        try {
            Path dir = Files.createDirectories(cacheDir.resolve(resource));
            onnx = extract(resource + ".onnx", dir);
            tokenizerJson = extract(resource + "-tokenizer.json", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the sentence encoder " + resource, e);
        }
        return load(resource, onnx, tokenizerJson, dimensions, pooling, parallelism);
    }

    /**
     * Loads the encoder of the ONNX graph {@code onnx} (read whole when loading: the file may be deleted afterwards)
     * with the tokenizer {@code tokenizerJson}.
     */
    public static SentenceEncoder load(String name, Path onnx, Path tokenizerJson, int dimensions, Pooling pooling,
                                       int parallelism) {
        String resource = name;
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(onnx)
                    .optEngine("OnnxRuntime")
                    .optOption("intraOpNumThreads", "1")
                    .optTranslator(new NoopTranslator())
                    .build();
            return new SentenceEncoder(resource, dimensions, pooling, tokenizer, criteria.loadModel(),
                    Math.max(1, parallelism));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the sentence encoder " + resource, e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the sentence encoder " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file {@code resource} of the class path, copied once into {@code cacheDir/<folder>} (ONNX Runtime and the
     * tokenizer read files).
     */
    public static Path resourceFile(String folder, String resource, Path cacheDir) throws IOException {
        return extract(resource, Files.createDirectories(cacheDir.resolve(folder)));
    }

    private static Path extract(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        ClassLoader loader = SentenceEncoder.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("'" + resource + "' is not on the class path (is the encoder's jar missing?)");
            }
            // compare sizes through the class path entry is not possible cheaply; a complete copy is renamed into
            // place, so an existing file is always whole
            if (Files.isRegularFile(target)) {
                return target;
            }
            Path partial = Files.createTempFile(dir, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** The encoder's name (its resource name). */
    public String name() {
        return name;
    }

    /** Length of the vectors. */
    public int dimensions() {
        return dimensions;
    }

    /** One vector. */
    public float[] encode(String text) {
        return encode(List.of(text)).get(0);
    }

    /**
     * One vector per text, in order; texts of similar length are run together in small batches, side by side (the
     * calling thread runs the first one).
     */
    public List<float[]> encode(List<String> texts) {
        List<long[]> ids = new ArrayList<>(texts.size());
        List<long[]> types = new ArrayList<>(texts.size());
        for (String text : texts) {
            Encoding encoding = tokenizer.encode(text);
            ids.add(encoding.getIds());
            types.add(encoding.getTypeIds());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> ids.get(i).length));
        float[][] vectors = new float[texts.size()][];
        List<Future<?>> others = new ArrayList<>();
        for (int start = BATCH; start < order.size(); start += BATCH) {
            List<Integer> batch = order.subList(start, Math.min(order.size(), start + BATCH));
            others.add(workers.submit(() -> encodeInto(batch, ids, types, vectors)));
        }
        try {
            encodeInto(order.subList(0, Math.min(order.size(), BATCH)), ids, types, vectors);
        } finally {
            awaitAll(others);
        }
        return List.of(vectors);
    }

    private void encodeInto(List<Integer> batch, List<long[]> ids, List<long[]> types, float[][] vectors) {
        if (batch.isEmpty()) {
            return;
        }
        float[][] pooled = run(batch.stream().map(ids::get).toList(), batch.stream().map(types::get).toList());
        for (int k = 0; k < batch.size(); k++) {
            vectors[batch.get(k)] = pooled[k];
        }
    }

    private void awaitAll(List<Future<?>> futures) {
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("the sentence encoder " + name + " failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while encoding", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private float[][] run(List<long[]> ids, List<long[]> types) {
        int rows = ids.size();
        int length = ids.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] inputIds = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] typeIds = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] row = ids.get(r);
            System.arraycopy(row, 0, inputIds, r * length, row.length);
            System.arraycopy(types.get(r), 0, typeIds, r * length, row.length);
            for (int t = 0; t < row.length; t++) {
                mask[r * length + t] = 1;
            }
        }
        Predictor<NDList, NDList> predictor = borrow();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            Shape shape = new Shape(rows, length);
            NDArray a = manager.create(inputIds, shape);
            a.setName("input_ids");
            NDArray b = manager.create(mask, shape);
            b.setName("attention_mask");
            NDArray c = manager.create(typeIds, shape);
            c.setName("token_type_ids");
            NDList output = predictor.predict(new NDList(a, b, c));
            float[] states = output.get(0).toFloatArray();
            output.close();
            int dims = (int) (states.length / ((long) rows * length));
            if (dims != dimensions) {
                throw new IllegalStateException(name + " gave vectors of " + dims + " values, " + dimensions
                        + " expected");
            }
            return pool(states, mask, rows, length);
        } catch (TranslateException e) {
            throw new IllegalStateException("the sentence encoder " + name + " failed: " + e.getMessage(), e);
        } finally {
            predictors.add(predictor);
        }
    }

    private float[][] pool(float[] states, long[] mask, int rows, int length) {
        float[][] out = new float[rows][dimensions];
        for (int r = 0; r < rows; r++) {
            float[] v = out[r];
            if (pooling == Pooling.CLS) {
                System.arraycopy(states, r * length * dimensions, v, 0, dimensions);
            } else {
                int count = 0;
                for (int t = 0; t < length; t++) {
                    if (mask[r * length + t] == 0) {
                        continue;
                    }
                    count++;
                    int base = (r * length + t) * dimensions;
                    for (int d = 0; d < dimensions; d++) {
                        v[d] += states[base + d];
                    }
                }
                for (int d = 0; d < dimensions; d++) {
                    v[d] /= Math.max(1, count);
                }
            }
            Vectors.normalise(v);
        }
        return out;
    }

    private Predictor<NDList, NDList> borrow() {
        try {
            return predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sentence encoder", e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        allPredictors.forEach(Predictor::close);
        model.close();
        tokenizer.close();
    }
}
