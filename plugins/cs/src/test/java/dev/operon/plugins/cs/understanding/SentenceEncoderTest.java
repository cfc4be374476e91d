package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list of texts is cut into small batches of similar length that run side by side: every text still gets its own
 * vector, in the order given, whatever batch it ran in.
 */
class SentenceEncoderTest {

    @Test
    void aListGivesEachTextTheVectorItGetsAlone() {
        SentenceEncoder encoder = MessageEncoder.shared().encoder(Language.ENGLISH);
        List<String> texts = new ArrayList<>();
        String[] words = {"card", "refund", "transfer", "exchange", "rate", "pending", "declined", "top", "up", "fee"};
        for (int i = 0; i < 37; i++) {
            StringBuilder text = new StringBuilder("why is my");
            // lengths that are not in order, so that sorting into batches moves texts around
            for (int w = 0; w < (i * 7) % 23; w++) {
                text.append(' ').append(words[(i + w) % words.length]);
            }
            texts.add(text.toString());
        }
        List<float[]> together = encoder.encode(texts);
        assertEquals(texts.size(), together.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encoder.encode(texts.get(i));
            double dot = 0;
            for (int d = 0; d < alone.length; d++) {
                dot += alone[d] * together.get(i)[d];
            }
            assertEquals(1.0, dot, 1e-4, "text " + i + " got another text's vector");
        }
    }
}
