package dev.operon.plugins.cs.demo;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.conversations.Inbound;
import dev.operon.plugins.cs.knowledge.KnowledgeBase;
import dev.operon.plugins.cs.support.Sql;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoSeeder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's support desk: two operators, labelled support messages for six intents (the training data), one
 * knowledge-base article and one canned response per intent, and a request to train the intent model once seeding
 * is done (the training has no default schedule). Then, once that model is trained, customers of the shop write in:
 * their messages take the inbound path of any message ({@code receive-message}: classified, answered automatically
 * or handed off to alice or bob), so the inbox shows what the desk does with them.
 */
public final class CsDemo implements DemoSeeder {

    /** An intent of the shop's support with what customers write, the article that answers it and a macro. */
    record Intent(String label, List<String> messages, String articleTitle, String articleBody, String macro) {
    }

    static final List<Intent> INTENTS = List.of(
            new Intent("order_status", List.of(
                    "Where is my order?", "My parcel has not arrived yet", "Can you tell me when my order ships?",
                    "I ordered a kettle last week and still nothing", "What is the status of order 1234?",
                    "Has my package been dispatched?", "Tracking shows no update for days",
                    "When will my delivery arrive?", "I am still waiting for my order",
                    "Is my order on its way?"),
                    "Tracking your order",
                    "Orders ship within two working days. The confirmation e-mail has a tracking link; tracking"
                            + " updates once the carrier scans the parcel. Orders older than ten days without an"
                            + " update: write to us and we send a replacement.",
                    "Your order is on its way: the tracking link is in your confirmation e-mail."),
            new Intent("return_refund", List.of(
                    "I want to return this item", "How do I get a refund?", "The garden hose is broken, can I"
                            + " send it back?", "Please refund my last purchase", "What is your return policy?",
                    "I received the wrong size and want to return it", "Can I exchange a product?",
                    "How long does a refund take?", "I sent the parcel back, where is my money?",
                    "The item does not match the description, I want my money back"),
                    "Returns and refunds",
                    "You can return any item within 30 days. Print the return label from your account, pack the"
                            + " item and drop it at any post office. Refunds reach your card within five working"
                            + " days after the parcel arrives.",
                    "You can return it within 30 days: the label is in your account under Orders."),
            new Intent("payment_failed", List.of(
                    "My payment was declined", "The card payment failed at checkout", "I was charged twice",
                    "Why was my card refused?", "Checkout says payment error", "PayPal does not work on your site",
                    "I paid but the order was not confirmed", "There is a double charge on my statement",
                    "Can I pay by bank transfer instead?", "The payment page keeps loading forever"),
                    "Payment problems",
                    "A declined card is usually refused by the bank: check the card's limit and 3-D Secure. A"
                            + " second charge is a pre-authorisation that the bank releases within three days."
                            + " We accept cards, PayPal and bank transfer.",
                    "A double charge is a pre-authorisation: your bank releases it within three days."),
            new Intent("change_address", List.of(
                    "I need to change my delivery address", "Can I ship to a different address?",
                    "I moved, please update my address", "Wrong address on my order", "Change the shipping address"
                            + " of my order please", "Can you deliver to my office instead?",
                    "I typed the wrong postcode", "Update the street name on my order",
                    "Send the parcel to my neighbour please", "How do I edit my address?"),
                    "Changing the delivery address",
                    "Until an order ships you can change its address in your account under Orders. After it"
                            + " ships, the carrier's tracking page offers a redirect to another address or a pick-up"
                            + " point.",
                    "You can change the address under Orders until the parcel ships."),
            new Intent("cancel_order", List.of(
                    "Please cancel my order", "I want to cancel the purchase I just made", "Cancel order 5678",
                    "I ordered by mistake, cancel it", "Can I still cancel my order?", "Stop my order please",
                    "I changed my mind about the order", "How do I cancel an order?",
                    "Do not ship my order, I want to cancel", "I would like to cancel and get my money back"),
                    "Cancelling an order",
                    "Orders can be cancelled in your account under Orders until they ship; the money is back on"
                            + " your card within three working days. A shipped order can be returned for free.",
                    "Your order is cancelled; the money is back on your card within three working days."),
            new Intent("account_access", List.of(
                    "I forgot my password", "I cannot log in to my account", "The reset link does not work",
                    "My account is locked", "How do I change my e-mail address?", "I never received the"
                            + " password reset e-mail", "Login says wrong password but it is right",
                    "Can you delete my account?", "Two-factor code never arrives", "How do I sign in?"),
                    "Signing in and your account",
                    "Use 'Forgot password' on the sign-in page: the link is valid for one hour. Check the spam"
                            + " folder if it does not arrive. After five failed attempts the account locks for 15"
                            + " minutes.",
                    "Use 'Forgot password' on the sign-in page; the link is valid for one hour."));

    /** A customer's message to the desk (written differently from the training examples). */
    record CustomerMessage(String channel, String text) {
    }

    static final List<CustomerMessage> INBOX = List.of(
            new CustomerMessage("chat", "Hi, my order from Monday still says processing. When does it ship?"),
            new CustomerMessage("email", "The tracking number in your e-mail does not show anything"),
            new CustomerMessage("chat", "The lamp arrived scratched, I would like to send it back for a refund"),
            new CustomerMessage("email", "How many days do I have to return shoes that do not fit?"),
            new CustomerMessage("chat", "My card was declined three times at checkout"),
            new CustomerMessage("email", "I see two charges for the same order on my bank statement"),
            new CustomerMessage("chat", "Could you deliver my parcel to my work address instead?"),
            new CustomerMessage("email", "I made a typo in my house number, can you fix it before it ships?"),
            new CustomerMessage("chat", "Please cancel the order I placed an hour ago"),
            new CustomerMessage("email", "I want to cancel my order, I found the blender cheaper elsewhere"),
            new CustomerMessage("chat", "I cannot sign in and the password reset e-mail never comes"),
            new CustomerMessage("email", "How do I change the e-mail address of my account?"),
            new CustomerMessage("email", "This is the THIRD time I write!!! My order is two weeks late and nobody"
                    + " answers. Terrible service, I am furious."),
            new CustomerMessage("chat", "Someone placed an order with my account, please block it immediately"),
            new CustomerMessage("email", "Do you sell gift cards for birthdays?"),
            new CustomerMessage("chat", "Are you hiring people for your warehouse?"));

    /** The demo desk's {@link CsConfig#AUTO_REPLY_MIN_CONFIDENCE}. */
    static final String DEMO_MIN_CONFIDENCE = "0.5";

    @Override
    public void seed(DemoContext context) throws Exception {
        KnowledgeBase knowledge = new KnowledgeBase();
        int examples = context.data().inTransaction(c -> {
            if (Sql.row(c, "SELECT 1 AS seeded FROM cs_training_example WHERE source = 'import' LIMIT 1") != null) {
                return 0; // seeded before
            }
            Sql.update(c, "INSERT INTO cs_operator (name, capacity) VALUES ('alice', 5), ('bob', 3)"
                    + " ON CONFLICT (name) DO NOTHING");
            int n = 0;
            for (Intent intent : INTENTS) {
                Sql.update(c, "INSERT INTO cs_canned_response (name, text, intent, resolve) VALUES (?, ?, ?, true)"
                        + " ON CONFLICT (name) DO NOTHING", intent.label(), intent.macro(), intent.label());
                for (String message : intent.messages()) {
                    Sql.update(c, "INSERT INTO cs_training_example (text, label, source) VALUES (?, ?, 'import')",
                            message, intent.label());
                    n++;
                }
            }
            return n;
        });
        if (examples == 0) {
            return;
        }
        for (Intent intent : INTENTS) {
            knowledge.put(context.data(), null, intent.articleTitle(), intent.articleBody(), intent.label());
        }
        context.runAfterSeeding("cs.intent-train", Map.of());
        // ten examples an intent make a classifier that is right but less sure than one trained on a real desk's
        // history: the demo's desk answers from 0.5 (the default, 0.7, would hand almost everything to a person)
        context.configure(CsConfig.AUTO_REPLY_MIN_CONFIDENCE, DEMO_MIN_CONFIDENCE);
        List<String> customers = customers(context, INBOX.size());
        for (int i = 0; i < INBOX.size(); i++) {
            CustomerMessage message = INBOX.get(i);
            context.callAfterSeeding("receive-message", new Inbound.Message(message.channel(), customers.get(i),
                    message.text(), "en", null, "demo-inbox-" + (i + 1)));
        }
        context.log("cs: 2 operators, " + examples + " labelled support messages, " + INTENTS.size()
                + " articles and canned responses; intent training requested, then " + INBOX.size()
                + " customer messages");
    }

    /** Shop users with a user id, drawn with the demo's random source; made-up ids where the shop has too few. */
    private static List<String> customers(DemoContext context, int count) {
        List<String> users = new ArrayList<>(context.userIds());
        Collections.shuffle(users, context.random());
        List<String> chosen = new ArrayList<>(users.subList(0, Math.min(count, users.size())));
        while (chosen.size() < count) {
            chosen.add("demo-customer-" + (chosen.size() + 1));
        }
        return chosen;
    }
}
