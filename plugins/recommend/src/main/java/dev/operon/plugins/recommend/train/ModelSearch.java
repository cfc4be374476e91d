package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The small hyper-parameter search of one kind: every grid entry is fitted on the fit part and scored on the
 * validation part (NDCG@10, full ranking, fit items excluded); iterative kinds stop early on the same score. The
 * best entry wins; optionally it is fitted again on fit plus validation with the epochs it needed.
 */
public final class ModelSearch {

    /** The outcome: the winning model, its parameters, its validation metrics and the seconds the search took. */
    public record Result(ModelKind kind, Recommender model, Map<String, Object> params,
                         Map<String, Double> validation, double seconds) {
    }

    private ModelSearch() {
    }

    /**
     * Tunes {@code trainer} on {@code fit} against {@code validation}; the returned model is fitted on {@code fit}
     * only.
     */
    public static Result tune(KindTrainer trainer, Interactions fit, Interactions validation,
                              KindTrainer.Progress progress) throws Exception {
        long started = System.nanoTime();
        Evaluator evaluator = new Evaluator(fit, validation, 10, fit);
        KindTrainer.Validator validator = model -> evaluator.evaluate(model).ndcg();
        Result best = null;
        for (Map<String, Object> params : trainer.grid(fit)) {
            KindTrainer.Fitted fitted = trainer.fit(fit, params, validator, progress);
            Map<String, Double> metrics = evaluator.evaluate(fitted.model()).asMap();
            progress.step(String.format(Locale.ROOT, "%s %s: validation ndcg@10 %.4f", trainer.kind().id(),
                    fitted.params(), metrics.get("ndcg@10")));
            if (best == null || metrics.get("ndcg@10") > best.validation().get("ndcg@10")) {
                if (best != null) {
                    best.model().close();
                }
                best = new Result(trainer.kind(), fitted.model(), fitted.params(), metrics, 0);
            } else {
                fitted.model().close();
            }
        }
        return new Result(best.kind(), best.model(), best.params(), best.validation(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Users with fewer interactions give none to the validation split. */
    public static final int VALIDATION_MIN_ITEMS = 5;

    /** Whether a validation split can be carved from {@code data}: some user has enough interactions. */
    public static boolean canValidate(Interactions data) {
        for (int u = 0; u < data.userCount(); u++) {
            if (data.count(u) >= VALIDATION_MIN_ITEMS) {
                return true;
            }
        }
        return false;
    }

    /** Tunes on a validation split carved from {@code data}; the model returned is fitted on the fit part only. */
    public static Result tuneOnly(KindTrainer trainer, Interactions data, long seed, KindTrainer.Progress progress)
            throws Exception {
        Splits.Parts parts = Splits.validation(data, 0.1, VALIDATION_MIN_ITEMS, seed);
        return tune(trainer, parts.part(0), parts.part(1), progress);
    }

    /** Fits a tuned result's kind again on all of {@code data} with its parameters (and epochs). */
    public static Recommender refit(KindTrainer trainer, Interactions data, Result tuned,
                                    KindTrainer.Progress progress) throws Exception {
        tuned.model().close();
        return trainer.fit(data, new LinkedHashMap<>(tuned.params()), null, progress).model();
    }

    /**
     * Tunes on a validation split carved from {@code data}, then fits the winner again on all of {@code data}
     * (the validation metrics reported are the tuned model's).
     */
    public static Result tuneAndRefit(KindTrainer trainer, Interactions data, long seed,
                                      KindTrainer.Progress progress) throws Exception {
        long started = System.nanoTime();
        Splits.Parts parts = Splits.validation(data, 0.1, VALIDATION_MIN_ITEMS, seed);
        Result tuned = tune(trainer, parts.part(0), parts.part(1), progress);
        tuned.model().close();
        Map<String, Object> params = new LinkedHashMap<>(tuned.params());
        KindTrainer.Fitted refit = trainer.fit(data, params, null, progress);
        return new Result(tuned.kind(), refit.model(), refit.params(), tuned.validation(),
                (System.nanoTime() - started) / 1e9);
    }
}
