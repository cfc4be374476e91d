package dev.operon.plugins.behaviour.personas;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code behaviour.personas}: the encoder of the persona autoencoder plus the k-means centroids. Serving places a
 * user's event sequence among the personas. Versions are judged by the silhouette of their clustering.
 */
public final class PersonaModelType implements ModelType<PersonaInput, PersonaAssignment> {

    public static final String ID = "behaviour.personas";
    static final String MODEL_NAME = "persona";
    static final String SILHOUETTE = "silhouette";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Personas";
    }

    @Override
    public String description() {
        return "User embeddings learned from event sequences by an autoencoder, clustered by k-means into personas.";
    }

    @Override
    public Class<PersonaInput> inputType() {
        return PersonaInput.class;
    }

    @Override
    public Class<PersonaAssignment> outputType() {
        return PersonaAssignment.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.maximise(SILHOUETTE);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        int embedding = Integer.parseInt(files.property("embedding"));
        Model model = Model.newInstance(files.modelName(), device);
        try {
            model.setBlock(PersonaEncoder.encoder(embedding));
            model.load(files.directory(), files.modelName());
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public Translator<PersonaInput, PersonaAssignment> translator(ModelFiles files) {
        PersonaMeta meta;
        try {
            meta = PersonaMeta.load(files.directory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SequenceFeatures features = new SequenceFeatures(meta.vocabulary());
        return new Translator<>() {
            @Override
            public NDList processInput(TranslatorContext ctx, PersonaInput input) {
                float[] x = meta.standardise(features.vector(input.events()));
                return new NDList(ctx.getNDManager().create(x).reshape(1, x.length));
            }

            @Override
            public PersonaAssignment processOutput(TranslatorContext ctx, NDList list) {
                NDArray out = list.singletonOrThrow();
                float[] e = out.toFloatArray();
                double[] point = new double[e.length];
                for (int i = 0; i < e.length; i++) {
                    point[i] = e[i];
                }
                int c = KMeans.nearest(point, meta.centroids());
                return new PersonaAssignment(c, meta.labels().get(c),
                        Math.sqrt(KMeans.squared(point, meta.centroids()[c])));
            }
        };
    }
}
