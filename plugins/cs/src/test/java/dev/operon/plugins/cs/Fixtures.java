package dev.operon.plugins.cs;

import java.util.ArrayList;
import java.util.List;

/** A small bilingual labelled set: four English intents, one Chinese, and out-of-scope messages. */
public final class Fixtures {

    private Fixtures() {
    }

    /** {text, label} pairs. */
    public static List<String[]> training() {
        List<String[]> rows = new ArrayList<>();
        add(rows, "card_arrival", "When will my new card arrive?", "My card still has not arrived",
                "I ordered a card two weeks ago and it is not here yet", "How long does card delivery take?",
                "Can I track the delivery of my card?", "The card you sent me never came",
                "Is my card on its way?", "Still waiting for my card to be delivered");
        add(rows, "lost_card", "I lost my card", "My card was lost yesterday, what should I do?",
                "I cannot find my bank card anywhere", "I think I left my card at the restaurant",
                "How do I report a lost card?", "Misplaced my debit card", "My card is gone, I lost it on the bus",
                "Lost card, need a replacement");
        add(rows, "exchange_rate", "What exchange rate do you use?", "How much is one euro in dollars today?",
                "Why was the exchange rate so bad on my payment?", "Where can I see the current exchange rates?",
                "Do you charge extra on the exchange rate at weekends?", "What rate will I get converting pounds?",
                "Is the currency conversion rate fair?", "Exchange rate for yen please");
        add(rows, "refund", "I want a refund for this purchase", "How do I get my money back from a merchant?",
                "The shop has not refunded me yet", "My refund is missing from my account",
                "Can I request a refund for a cancelled order?", "Refund still not showing",
                "The seller promised a refund but nothing arrived", "How long does a refund take to appear?");
        add(rows, "balance_zh", "我的账户余额是多少", "帮我查一下余额", "我想知道卡里还有多少钱", "怎么查询账户余额",
                "余额显示不对", "请告诉我现在的余额", "查余额", "我的钱还剩多少");
        add(rows, "oos", "What will the weather be like tomorrow?", "Tell me a joke", "Who won the football game last night?",
                "What is the capital of Australia?", "Recommend a good movie", "How do I bake sourdough bread?",
                "Play some music", "What time is it in Tokyo?");
        return rows;
    }

    /** {text, expected label} pairs not in the training set. */
    public static List<String[]> heldOut() {
        return List.of(
                new String[] {"My new card has not been delivered yet, when does it come?", "card_arrival"},
                new String[] {"I have lost my debit card, please help", "lost_card"},
                new String[] {"What is today's euro to dollar exchange rate?", "exchange_rate"},
                new String[] {"I am still waiting for the refund from the store", "refund"},
                new String[] {"请帮我查询一下账户里的余额", "balance_zh"},
                new String[] {"Can you suggest a holiday destination in Spain?", "oos"});
    }

    private static void add(List<String[]> rows, String label, String... texts) {
        for (String t : texts) {
            rows.add(new String[] {t, label});
        }
    }
}
