package dev.operon.core.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.profiles.Consent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic web shop generated in code: a catalogue, users with personas and traits, and weeks of their events
 * (Segment-spec JSON Lines) with a daily rhythm (quiet nights, an evening peak), a weekly one (busier weekends) and a
 * few planted incidents that change the event volume for some hours. The same seed gives the same shop.
 */
public final class DemoShop {

    /** Who a user is, which drives how often they come, what they look at and whether they buy. */
    public enum Persona {
        BARGAIN_HUNTER("bargain-hunter", 0.55, 0.10, 0.25),
        LOYAL_REGULAR("loyal-regular", 0.80, 0.22, 0.0),
        WINDOW_SHOPPER("window-shopper", 0.60, 0.02, 0.0),
        BIG_SPENDER("big-spender", 0.35, 0.35, 0.0),
        LAPSING("lapsing", 0.70, 0.15, 0.9);

        final String id;
        final double visitsPerDay;
        final double buyRate;
        /** How much of the activity fades by the last week (lapsing users slow down, then stop). */
        final double fade;

        Persona(String id, double visitsPerDay, double buyRate, double fade) {
            this.id = id;
            this.visitsPerDay = visitsPerDay;
            this.buyRate = buyRate;
            this.fade = fade;
        }

        public String id() {
            return id;
        }
    }

    /** A planted change of volume: events of {@code event} (or all, when null) times {@code factor}. */
    public record Incident(String name, Instant from, Instant to, String event, double factor) {
    }

    /** A generated user. */
    public record User(String userId, String anonymousId, Persona persona, String name, String country, String plan,
                       Instant firstSeen) {
    }

    static final List<String> CATEGORIES = List.of("kitchen", "garden", "books", "toys", "sports", "audio");
    private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Deluxe", "Everyday", "Nordic",
            "Quiet", "Rapid", "Sunny", "Urban", "Wild");
    private static final List<String> NOUNS = List.of("Set", "Kit", "Box", "Pack", "Edition", "Bundle");
    private static final List<String> FIRST = List.of("Ada", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana",
            "Ivo", "Jun", "Kemal", "Lea", "Mei", "Noor", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tomas", "Uma",
            "Wei", "Yara", "Zoe");
    private static final List<String> LAST = List.of("Almeida", "Berg", "Costa", "Dubois", "Li", "Meyer", "Novak",
            "Okafor", "Petrov", "Rossi", "Sato", "Wang", "Zhang");
    private static final List<String> COUNTRIES = List.of("DE", "FR", "CN", "US", "GB", "ES", "JP");
    /** Relative traffic per hour of the day (UTC): quiet at night, a lunch bump, an evening peak. */
    private static final double[] HOURS = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.0, 1.1, 1.4, 1.2, 1.0,
        1.0, 1.1, 1.3, 1.7, 2.0, 2.1, 1.8, 1.1, 0.5};
    private static final double HOURS_TOTAL = total(HOURS);
    private static double total(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        return total;
    }

    /** An hour of the day drawn with the weights of {@link #HOURS}. */
    private static int hourOfDay(Random random) {
        double draw = random.nextDouble() * HOURS_TOTAL;
        for (int hour = 0; hour < HOURS.length; hour++) {
            draw -= HOURS[hour];
            if (draw < 0) {
                return hour;
            }
        }
        return HOURS.length - 1;
    }

    /** Relative traffic per day of the week, Monday first: busier at the weekend. */
    private static final double[] WEEKDAYS = {0.9, 0.85, 0.9, 0.95, 1.05, 1.4, 1.5};

    private final long seed;
    private final int userCount;
    private final int weeks;
    private final Instant end;
    private final List<DemoProduct> catalogue;
    private final List<User> users;
    private final List<Incident> incidents;
    private long counter;

    public DemoShop(long seed, int userCount, int weeks, Instant end) {
        this.seed = seed;
        this.userCount = userCount;
        this.weeks = weeks;
        this.end = end.truncatedTo(ChronoUnit.HOURS);
        Random random = new Random(seed);
        this.catalogue = catalogue(random);
        this.users = users(random);
        Instant start = start();
        this.incidents = List.of(
                new Incident("checkout outage", start.plus(Duration.ofDays(weeks * 7L - 9)).plus(Duration.ofHours(17)),
                        start.plus(Duration.ofDays(weeks * 7L - 9)).plus(Duration.ofHours(23)), "Order Completed",
                        0.05),
                new Incident("tracking drop", start.plus(Duration.ofDays(weeks * 7L - 16)).plus(Duration.ofHours(9)),
                        start.plus(Duration.ofDays(weeks * 7L - 16)).plus(Duration.ofHours(14)), null, 0.15),
                new Incident("bot traffic", start.plus(Duration.ofDays(weeks * 7L - 4)).plus(Duration.ofHours(2)),
                        start.plus(Duration.ofDays(weeks * 7L - 4)).plus(Duration.ofHours(5)), "Product Viewed",
                        8.0),
                new Incident("flash sale", start.plus(Duration.ofDays(weeks * 7L - 2)).plus(Duration.ofHours(10)),
                        start.plus(Duration.ofDays(weeks * 7L - 2)).plus(Duration.ofHours(16)), null, 4.0));
    }

    public Instant start() {
        return end.minus(Duration.ofDays(weeks * 7L)).truncatedTo(ChronoUnit.DAYS);
    }

    public Instant end() {
        return end;
    }

    public List<DemoProduct> catalogue() {
        return catalogue;
    }

    public List<User> users() {
        return users;
    }

    public List<Incident> incidents() {
        return incidents;
    }

    private static List<DemoProduct> catalogue(Random random) {
        List<DemoProduct> products = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            String category = CATEGORIES.get((i - 1) % CATEGORIES.size());
            String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + capital(category) + " "
                    + NOUNS.get(random.nextInt(NOUNS.size()));
            double price = Math.round((5 + random.nextDouble() * (category.equals("audio") ? 240 : 80)) * 100) / 100.0;
            products.add(new DemoProduct(String.format("sku-%04d", i), name, category, price));
        }
        return List.copyOf(products);
    }

    private List<User> users(Random random) {
        List<User> made = new ArrayList<>();
        Persona[] personas = Persona.values();
        for (int i = 1; i <= userCount; i++) {
            Persona persona = personas[random.nextInt(personas.length)];
            String name = FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
            // users join during the first half of the history, at an hour drawn from the daily rhythm: a first
            // visit is always made, so uniform hours would put a sixth of them (and their sessions) in the night
            Instant firstSeen = start().plus(Duration.ofDays(random.nextInt(weeks * 7 / 2)))
                    .plus(Duration.ofHours(hourOfDay(random)));
            made.add(new User(String.format("demo-user-%04d", i), String.format("demo-anon-%04d", i), persona, name,
                    COUNTRIES.get(random.nextInt(COUNTRIES.size())), random.nextDouble() < 0.3 ? "plus" : "free",
                    firstSeen));
        }
        return List.copyOf(made);
    }

    /**
     * Writes every event as one JSON Lines document each, in time order per user; returns how many. The first visit
     * of a user is anonymous, then an {@code identify} links the anonymous id to the user id with the traits.
     */
    public long writeEvents(OutputStream out, ObjectMapper json) throws IOException {
        Random random = new Random(seed * 31 + 7);
        long written = 0;
        Instant start = start();
        // sessions start up to two hours before the end, so that none runs past it into the future
        int hours = (int) Duration.between(start, end).toHours() - 2;
        for (User user : users) {
            boolean identified = false;
            double affinity = random.nextDouble();
            String favourite = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            // a lapsing user stops coming at some point of the second half; the others never do
            double stopsAt = user.persona() == Persona.LAPSING ? 0.5 + 0.5 * random.nextDouble() : 2;
            for (int h = 0; h < hours; h++) {
                Instant hour = start.plus(Duration.ofHours(h));
                if (hour.isBefore(user.firstSeen())) {
                    continue;
                }
                double progress = (double) h / hours;
                if (progress >= stopsAt) {
                    break;
                }
                double rate = user.persona().visitsPerDay * (1 - user.persona().fade * progress)
                        * HOURS[(int) ((hour.getEpochSecond() / 3600) % 24)] / 24.0 * weekday(hour);
                boolean firstVisit = !identified && !hour.isBefore(user.firstSeen().truncatedTo(ChronoUnit.HOURS));
                if (!firstVisit && random.nextDouble() >= rate * 1.1) {
                    continue;
                }
                Instant at = hour.plusSeconds(random.nextInt(3000));
                if (!identified) {
                    written += emit(out, json, page(user, null, at, "Home"), random, at);
                    // the identify is server-side in this shop: incidents of the tracking do not drop it
                    written += write(out, json, identify(user, at.plusSeconds(30)));
                    identified = true;
                    at = at.plusSeconds(60);
                }
                written += session(out, json, user, at, random, favourite, affinity);
            }
        }
        // bot traffic is anonymous and outside any user's sessions
        for (Incident incident : incidents) {
            if (incident.factor() > 1 && incident.event() != null) {
                long minutes = Duration.between(incident.from(), incident.to()).toMinutes();
                for (long m = 0; m < minutes; m++) {
                    for (int k = 0; k < 12; k++) {
                        Instant at = incident.from().plus(Duration.ofMinutes(m)).plusSeconds(random.nextInt(60));
                        ObjectNode event = base("track", null, "bot-" + random.nextInt(40), at);
                        event.put("event", incident.event());
                        DemoProduct product = catalogue.get(random.nextInt(catalogue.size()));
                        event.putObject("properties").put("product_id", product.id()).put("price", product.price());
                        written += write(out, json, event);
                    }
                }
            }
        }
        return written;
    }

    private long session(OutputStream out, ObjectMapper json, User user, Instant at, Random random, String favourite,
                         double affinity) throws IOException {
        long written = emit(out, json, page(user, user.userId(), at, "Home"), random, at);
        int views = 1 + random.nextInt(user.persona() == Persona.WINDOW_SHOPPER ? 8 : 5);
        List<DemoProduct> carted = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            at = at.plusSeconds(20 + random.nextInt(120));
            DemoProduct product = pick(random, favourite, affinity);
            ObjectNode viewed = track(user, "Product Viewed", at);
            productProperties(viewed.putObject("properties"), product);
            written += emit(out, json, viewed, random, at);
            if (random.nextDouble() < user.persona().buyRate * 1.5) {
                at = at.plusSeconds(10 + random.nextInt(60));
                ObjectNode added = track(user, "Product Added", at);
                productProperties(added.putObject("properties"), product);
                written += emit(out, json, added, random, at);
                carted.add(product);
            }
        }
        if (!carted.isEmpty() && random.nextDouble() < 0.65) {
            at = at.plusSeconds(60 + random.nextInt(240));
            ObjectNode order = track(user, "Order Completed", at);
            ObjectNode properties = order.putObject("properties");
            properties.put("order_id", "order-" + Long.toHexString(random.nextLong() & 0xffffffffL));
            double revenue = carted.stream().mapToDouble(DemoProduct::price).sum()
                    * (user.persona() == Persona.BIG_SPENDER ? 1 + random.nextInt(3) : 1);
            properties.put("revenue", Math.round(revenue * 100) / 100.0).put("currency", "EUR");
            ArrayNode products = properties.putArray("products");
            carted.forEach(p -> productProperties(products.addObject(), p));
            written += emit(out, json, order, random, at);
        }
        return written;
    }

    private DemoProduct pick(Random random, String favourite, double affinity) {
        if (random.nextDouble() < 0.4 + affinity * 0.4) {
            List<DemoProduct> liked = catalogue.stream().filter(p -> p.category().equals(favourite)).toList();
            return liked.get(random.nextInt(liked.size()));
        }
        return catalogue.get(random.nextInt(catalogue.size()));
    }

    private static void productProperties(ObjectNode properties, DemoProduct product) {
        properties.put("product_id", product.id()).put("name", product.name()).put("category", product.category())
                .put("price", product.price());
    }

    /** Writes the event unless an incident removes it; a spike of all events writes it again. */
    private long emit(OutputStream out, ObjectMapper json, ObjectNode event, Random random, Instant at)
            throws IOException {
        double factor = 1;
        String name = event.path("event").asText(null);
        for (Incident incident : incidents) {
            boolean inside = !at.isBefore(incident.from()) && at.isBefore(incident.to());
            if (inside && (incident.event() == null || incident.event().equals(name))
                    && !(incident.factor() > 1 && incident.event() != null)) {
                factor *= incident.factor();
            }
        }
        long written = 0;
        double copies = factor;
        int n = 0;
        while (copies > 0 && (copies >= 1 || random.nextDouble() < copies)) {
            ObjectNode copy = n == 0 ? event : event.deepCopy();
            if (n > 0) {
                copy.put("messageId", event.get("messageId").asText() + "-" + n);
            }
            written += write(out, json, copy);
            copies -= 1;
            n++;
        }
        return written;
    }

    private static long write(OutputStream out, ObjectMapper json, ObjectNode event) throws IOException {
        out.write(json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        return 1;
    }

    private static double weekday(Instant at) {
        return WEEKDAYS[at.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() - 1];
    }

    private ObjectNode base(String type, String userId, String anonymousId, Instant at) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        event.put("messageId", "demo-" + seed + "-" + (++counter));
        if (userId != null) {
            event.put("userId", userId);
        }
        if (anonymousId != null) {
            event.put("anonymousId", anonymousId);
        }
        event.put("timestamp", at.toString());
        event.putObject("context").put("library", "operon-demo").put("ip", "192.0.2." + (counter % 250 + 1));
        return event;
    }

    private ObjectNode track(User user, String name, Instant at) {
        ObjectNode event = base("track", user.userId(), user.anonymousId(), at);
        event.put("event", name);
        return event;
    }

    private ObjectNode page(User user, String userId, Instant at, String name) {
        ObjectNode event = base("page", userId, user.anonymousId(), at);
        event.put("name", name);
        return event;
    }

    private ObjectNode identify(User user, Instant at) {
        ObjectNode event = base("identify", user.userId(), user.anonymousId(), at);
        event.putObject("traits").put("name", user.name())
                .put("email", user.userId() + "@demo.example")
                .put("persona", user.persona().id()).put("country", user.country()).put("plan", user.plan())
                .put("demo", true);
        // the shop's sign-up form asks for marketing e-mail (the platform's default for it is no): most say yes
        ((ObjectNode) event.get("context")).putObject("consent").put(Consent.MARKETING, optsIn(user));
        return event;
    }

    /** About seven users in ten opt in to marketing, the same ones for the same seed. */
    private boolean optsIn(User user) {
        return Math.floorMod((user.userId() + "/" + seed).hashCode(), 10) < 7;
    }

    private static String capital(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
