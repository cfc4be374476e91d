package dev.operon.plugins.behaviour.churn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;

/**
 * The churn network: an ensemble of "wide and deep" members, each the sum of a logistic regression (one linear
 * unit) and a one-hidden-layer ReLU network, all reading the same encoded row. The ensemble's output is the mean of
 * the members' logits, shape {@code (rows, 1)}.
 */
public final class ChurnNetwork {

    private ChurnNetwork() {
    }

    /** One member: linear logit plus a small MLP's logit. */
    public static Block member(int hidden, float dropout) {
        SequentialBlock deep = new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(dropout).build())
                .add(Linear.builder().setUnits(1).build());
        Block wide = Linear.builder().setUnits(1).build();
        return new ParallelBlock(outputs -> new NDList(outputs.get(0).singletonOrThrow()
                .add(outputs.get(1).singletonOrThrow())), List.of(wide, deep));
    }

    /** The ensemble of {@code members} members, averaging their logits. */
    public static Block ensemble(int members, int hidden, float dropout) {
        List<Block> blocks = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            blocks.add(member(hidden, dropout));
        }
        return new ParallelBlock(outputs -> {
            NDArray sum = outputs.get(0).singletonOrThrow();
            for (int i = 1; i < outputs.size(); i++) {
                sum = sum.add(outputs.get(i).singletonOrThrow());
            }
            return new NDList(sum.div(outputs.size()));
        }, blocks);
    }
}
