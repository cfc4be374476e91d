package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageSignalsTest {

    @Test
    void anAngryMessageIsAngryAndNegative() {
        MessageSignals s = MessageSignals.of("This is RIDICULOUS and UNACCEPTABLE!! Worst bank ever!");
        assertTrue(s.angry());
        assertTrue(s.sentiment() < 0);
    }

    @Test
    void fraudAndImmediacyAreUrgent() {
        assertTrue(MessageSignals.of("Someone used my card, please block it immediately").urgent());
        assertTrue(MessageSignals.of("我的卡被盗刷了，请马上冻结").urgent());
        assertFalse(MessageSignals.of("When will my new card arrive?").urgent());
    }

    @Test
    void aPoliteQuestionIsNeither() {
        MessageSignals s = MessageSignals.of("Thanks for the help, what is the ATM withdrawal limit?");
        assertFalse(s.angry());
        assertFalse(s.urgent());
        assertTrue(s.sentiment() > 0);
    }

    @Test
    void languageDetectionPicksChineseForHanText() {
        assertTrue(Language.detect("我的Visa卡余额是多少") == Language.CHINESE);
        assertTrue(Language.detect("What is my balance? 谢谢") == Language.ENGLISH);
    }
}
