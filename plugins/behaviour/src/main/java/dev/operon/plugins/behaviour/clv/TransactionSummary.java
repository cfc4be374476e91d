package dev.operon.plugins.behaviour.clv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds customer summaries from transactions as lifetimes' {@code summary_data_from_transaction_data} does:
 * transactions after the calibration end are ignored; a customer's transactions in one period are one purchase (their
 * amounts summed); frequency is the number of purchase periods after the first; recency is the number of periods
 * from the first to the last purchase and T from the first purchase to the calibration end, both divided by the
 * multiplier; monetary value is the mean of the repeat purchases (the first one left out), 0 without any.
 */
public final class TransactionSummary {

    private final TimeUnit unit;
    private final double multiplier;
    private final long endPeriod;
    private final LocalDate calibrationEnd;
    private final Map<String, TreeMap<Long, Double>> byCustomer = new LinkedHashMap<>();
    private boolean amounts = true;
    private long ignored;

    /**
     * @param calibrationEnd the last day of the calibration period (included)
     * @param unit           the period
     * @param multiplier     recency and T are divided by it (7 with days gives weeks)
     */
    public TransactionSummary(LocalDate calibrationEnd, TimeUnit unit, double multiplier) {
        this.unit = unit;
        this.multiplier = multiplier;
        this.calibrationEnd = calibrationEnd;
        this.endPeriod = unit.period(calibrationEnd);
    }

    /** Adds one transaction; {@code amount} is NaN when values are not known. */
    public void add(String customer, LocalDate date, double amount) {
        if (date.isAfter(calibrationEnd)) {
            ignored++;
            return;
        }
        if (Double.isNaN(amount)) {
            amounts = false;
        }
        byCustomer.computeIfAbsent(customer, k -> new TreeMap<>()).merge(unit.period(date), amount, Double::sum);
    }

    /** Transactions after the calibration end, left out. */
    public long ignored() {
        return ignored;
    }

    /** The summaries, customers in order of their first transaction in the input. */
    public List<CustomerSummary> summaries() {
        List<CustomerSummary> out = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customer, periods) -> {
            long first = periods.firstKey();
            long last = periods.lastKey();
            int frequency = periods.size() - 1;
            double monetary = Double.NaN;
            if (amounts) {
                double sum = 0;
                for (Map.Entry<Long, Double> e : periods.tailMap(first, false).entrySet()) {
                    sum += e.getValue();
                }
                monetary = frequency == 0 ? 0 : sum / frequency;
            }
            out.add(new CustomerSummary(customer, frequency, (last - first) / multiplier,
                    (endPeriod - first) / multiplier, monetary));
        });
        return out;
    }
}
