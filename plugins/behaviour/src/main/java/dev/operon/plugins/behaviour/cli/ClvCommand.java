package dev.operon.plugins.behaviour.cli;

import dev.operon.plugins.behaviour.clv.ClvFit;
import dev.operon.plugins.behaviour.clv.CustomerSummary;
import dev.operon.plugins.behaviour.clv.TimeUnit;
import dev.operon.plugins.behaviour.clv.TransactionSummary;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.cli.OutputFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code operon behaviour clv}: fits BG/NBD (and Gamma-Gamma when values are given) by maximum likelihood on a
 * customer summary, or on transactions it summarises itself, and writes each customer's expected purchases and value.
 * A stable contract: options and formats do not change.
 */
public final class ClvCommand implements OfflineCommand {

    private static final Set<String> OPTIONS = Set.of("summary", "transactions", "calibration-end", "customer-col",
            "date-col", "amount-col", "freq", "freq-multiplier", "date-format", "output", "params-output", "period",
            "summary-output");

    @Override
    public String name() {
        return "clv";
    }

    @Override
    public String description() {
        return "Fit BG/NBD and Gamma-Gamma; expected purchases and value per customer";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: operon behaviour clv --summary S.csv --output O.csv --params-output P.json [--period 1]",
                "       operon behaviour clv --transactions F.csv --calibration-end DATE [--customer-col customer_id]",
                "             [--date-col date] [--amount-col amount] [--freq D] [--freq-multiplier 1]",
                "             [--date-format PATTERN] [--summary-output S.csv]",
                "             --output O.csv --params-output P.json [--period 1]",
                "",
                "  --summary S.csv        columns id,frequency,recency,T and optionally monetary_value (the lifetimes",
                "                         convention; x,t_x,T,zbar are accepted too); frequency = repeat purchases,",
                "                         recency = first to last purchase, T = first purchase to the end, one time",
                "                         unit; monetary_value = mean value of the repeat purchases",
                "  --transactions F.csv   one row per transaction; builds the summary like lifetimes'",
                "                         summary_data_from_transaction_data (purchases in one period count once,",
                "                         transactions after --calibration-end are ignored, monetary_value = mean of",
                "                         the repeat purchases)",
                "  --calibration-end DATE last day of the calibration period, included (yyyy-MM-dd)",
                "  --customer-col, --date-col, --amount-col   column names (defaults customer_id, date, amount; without",
                "                         an amount column only BG/NBD is fitted)",
                "  --freq D|W|M           the period: days, Monday-Sunday weeks, calendar months (default D)",
                "  --freq-multiplier N    recency and T are divided by N (--freq D --freq-multiplier 7: exact weeks)",
                "  --date-format PATTERN  a java.time pattern for the dates (default: yyyy-MM-dd, yyyyMMdd,",
                "                         yyyy/MM/dd, with or without a time)",
                "  --summary-output S.csv also write the summary built from the transactions",
                "  --output O.csv         id,expected_purchases,expected_value for every customer (input order);",
                "                         expected_value = expected purchases x Gamma-Gamma conditional expected",
                "                         average value (empty without values)",
                "  --params-output P.json {\"r\",\"alpha\",\"a\",\"b\"} and, with values, {\"p\",\"q\",\"v\"}",
                "  --period N             the horizon of the expectations, in the time unit of T (default 1)",
                "",
                "Exit codes: 0 done, 2 bad usage or input (the message names file and line), 1 failed, 5 error.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        try {
            CommandArgs options = CommandArgs.parse(args, OPTIONS, Set.of());
            Path output = options.path("output");
            Path params = options.path("params-output");
            double period = options.number("period", 1.0);
            List<CustomerSummary> customers;
            if (options.has("summary") == options.has("transactions")) {
                throw new UsageException("give either --summary or --transactions");
            }
            if (options.has("summary")) {
                customers = readSummary(CsvTable.read(options.path("summary")));
            } else {
                customers = summarise(options, err);
            }
            if (customers.isEmpty()) {
                throw new CsvFormatException("no customers to fit");
            }
            long started = System.nanoTime();
            ClvFit fit;
            try {
                fit = ClvFit.fit(customers, period);
            } catch (IllegalArgumentException e) {
                throw new CsvFormatException(e.getMessage());
            }
            String purchaseProblem = fit.purchases().problem(customers);
            if (purchaseProblem != null) {
                err.println("clv: warning: " + purchaseProblem);
            }
            if (fit.spendProblem() != null) {
                err.println("clv: Gamma-Gamma not fitted: " + fit.spendProblem() + "; expected_value left empty");
            }
            writePredictions(output, fit);
            writeParams(params, fit);
            out.printf(Locale.ROOT, "clv: %d customers; BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f%s; fitted in %.1f s%n",
                    customers.size(), fit.purchases().r(), fit.purchases().alpha(), fit.purchases().a(),
                    fit.purchases().b(), fit.spend() == null ? "" : String.format(Locale.ROOT,
                            "; Gamma-Gamma p=%.4f q=%.4f v=%.4f", fit.spend().p(), fit.spend().q(), fit.spend().v()),
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (UsageException e) {
            err.println("operon behaviour clv: " + e.getMessage());
            err.println("Try 'operon behaviour clv --help'.");
            return 2;
        } catch (CsvFormatException e) {
            err.println("operon behaviour clv: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("operon behaviour clv: cannot read or write a file: " + e.getMessage());
            return 1;
        }
    }

    // ---- input

    static List<CustomerSummary> readSummary(CsvTable table) throws CsvFormatException {
        int id = firstOf(table, "id", "customer_id", "ID");
        if (id < 0) {
            id = 0;
        }
        int frequency = need(table, "frequency", "x");
        int recency = need(table, "recency", "t_x");
        int age = table.column("T") >= 0 ? table.column("T") : need(table, "T", "t");
        int monetary = firstOf(table, "monetary_value", "zbar", "monetary");
        List<CustomerSummary> out = new ArrayList<>(table.size());
        for (int r = 0; r < table.size(); r++) {
            String[] row = table.row(r);
            CustomerSummary c = new CustomerSummary(row[id].strip(),
                    number(table, r, frequency), number(table, r, recency), number(table, r, age),
                    monetary < 0 ? Double.NaN : number(table, r, monetary));
            String problem = c.problem();
            if (problem != null) {
                throw new CsvFormatException(table.source() + ":" + table.line(r) + ": " + problem);
            }
            out.add(c);
        }
        return out;
    }

    private static int firstOf(CsvTable table, String... names) {
        for (String name : names) {
            int i = table.columnIgnoringCase(name);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int need(CsvTable table, String name, String alias) throws CsvFormatException {
        int i = firstOf(table, name, alias);
        if (i < 0) {
            throw new CsvFormatException(table.source() + ": no column '" + name + "'; a summary has columns"
                    + " id,frequency,recency,T[,monetary_value], this one has " + table.header());
        }
        return i;
    }

    private static double number(CsvTable table, int row, int column) throws CsvFormatException {
        String text = table.row(row)[column].strip();
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CsvFormatException(table.source() + ":" + table.line(row) + ": column '"
                + table.header().get(column) + "': '" + text + "' is not a number");
    }

    private List<CustomerSummary> summarise(CommandArgs options, PrintStream err)
            throws UsageException, CsvFormatException, IOException {
        Path file = options.path("transactions");
        DateParser dates = new DateParser(options.get("date-format", null));
        LocalDate end = dates.parse(options.require("calibration-end"), "--calibration-end");
        TimeUnit unit;
        try {
            unit = TimeUnit.of(options.get("freq", "D"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        double multiplier = options.number("freq-multiplier", 1.0);
        CsvTable table = CsvTable.read(file);
        int customer = table.requireColumn(options.get("customer-col", "customer_id"), "--customer-col");
        int date = table.requireColumn(options.get("date-col", "date"), "--date-col");
        int amount = options.has("amount-col") ? table.requireColumn(options.get("amount-col", null), "--amount-col")
                : table.column("amount");
        TransactionSummary summary = new TransactionSummary(end, unit, multiplier);
        for (int r = 0; r < table.size(); r++) {
            String[] row = table.row(r);
            String where = table.source() + ":" + table.line(r);
            if (row[customer].isBlank()) {
                throw new CsvFormatException(where + ": the customer is blank");
            }
            LocalDate day = dates.parse(row[date], where);
            double value = Double.NaN;
            if (amount >= 0) {
                value = number(table, r, amount);
            }
            summary.add(row[customer].strip(), day, value);
        }
        if (summary.ignored() > 0) {
            err.println("clv: " + summary.ignored() + " transactions after " + end + " left out");
        }
        List<CustomerSummary> customers = summary.summaries();
        if (options.has("summary-output")) {
            try (CsvWriter writer = new CsvWriter(Path.of(options.require("summary-output")))) {
                boolean values = ClvFit.hasValues(customers);
                if (values) {
                    writer.row("id", "frequency", "recency", "T", "monetary_value");
                } else {
                    writer.row("id", "frequency", "recency", "T");
                }
                for (CustomerSummary c : customers) {
                    String f = CsvWriter.number(c.frequency(), 12);
                    String rec = CsvWriter.number(c.recency(), 12);
                    String t = CsvWriter.number(c.age(), 12);
                    if (values) {
                        writer.row(c.id(), f, rec, t, CsvWriter.number(c.monetary(), 12));
                    } else {
                        writer.row(c.id(), f, rec, t);
                    }
                }
                writer.commit();
            }
        }
        return customers;
    }

    /** Dates as yyyy-MM-dd, yyyyMMdd or yyyy/MM/dd with an optional time, or in a pattern the user gave. */
    static final class DateParser {
        private final DateTimeFormatter pattern;

        DateParser(String pattern) throws UsageException {
            try {
                this.pattern = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--date-format '" + pattern + "' is not a date pattern: " + e.getMessage());
            }
        }

        LocalDate parse(String raw, String where) throws CsvFormatException {
            String text = raw.strip();
            try {
                if (pattern != null) {
                    return LocalDate.parse(text, pattern);
                }
                if (text.length() >= 10 && (text.charAt(4) == '-' || text.charAt(4) == '/')) {
                    return LocalDate.parse(text.substring(0, 10).replace('/', '-'));
                }
                if (text.length() == 8 && text.chars().allMatch(Character::isDigit)) {
                    return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new CsvFormatException(where + ": '" + text + "' is not a date"
                    + (pattern == null ? " (yyyy-MM-dd, yyyyMMdd or yyyy/MM/dd; see --date-format)" : ""));
        }
    }

    // ---- output

    private static void writePredictions(Path output, ClvFit fit) throws IOException {
        try (CsvWriter writer = new CsvWriter(output)) {
            writer.row("id", "expected_purchases", "expected_value");
            for (ClvFit.Prediction p : fit.customers()) {
                writer.row(p.id(), CsvWriter.number(p.expectedPurchases(), 10),
                        CsvWriter.number(p.expectedValue(), 10));
            }
            writer.commit();
        }
    }

    private static void writeParams(Path params, ClvFit fit) throws IOException {
        StringBuilder json = new StringBuilder("{");
        json.append(field("r", fit.purchases().r())).append(", ")
                .append(field("alpha", fit.purchases().alpha())).append(", ")
                .append(field("a", fit.purchases().a())).append(", ")
                .append(field("b", fit.purchases().b()));
        if (fit.spend() != null) {
            json.append(", ").append(field("p", fit.spend().p())).append(", ")
                    .append(field("q", fit.spend().q())).append(", ")
                    .append(field("v", fit.spend().v()));
        }
        json.append("}\n");
        OutputFile.write(params, writer -> writer.write(json.toString()));
    }

    private static String field(String name, double value) {
        return "\"" + name + "\": " + (Double.isFinite(value) ? Double.toString(value) : "null");
    }
}
