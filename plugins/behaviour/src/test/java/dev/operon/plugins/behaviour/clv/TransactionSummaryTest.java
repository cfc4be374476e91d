package dev.operon.plugins.behaviour.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifetimes convention of summary_data_from_transaction_data, worked by hand. */
class TransactionSummaryTest {

    @Test
    void daysWithAMultiplierGiveExactWeeksAndRepeatMeans() {
        TransactionSummary s = new TransactionSummary(LocalDate.of(1997, 9, 30), TimeUnit.D, 7);
        s.add("1", LocalDate.of(1997, 1, 1), 29.33);
        s.add("1", LocalDate.of(1997, 1, 18), 29.73);
        s.add("1", LocalDate.of(1997, 8, 2), 14.96);
        s.add("1", LocalDate.of(1997, 12, 12), 26.48); // after the calibration end: ignored
        s.add("2", LocalDate.of(1997, 3, 1), 10);
        s.add("2", LocalDate.of(1997, 3, 1), 5); // same day: one purchase of 15
        List<CustomerSummary> out = s.summaries();
        CustomerSummary first = out.get(0);
        assertEquals(2, first.frequency());
        assertEquals(213 / 7.0, first.recency(), 1e-12);
        assertEquals(272 / 7.0, first.age(), 1e-12);
        assertEquals((29.73 + 14.96) / 2, first.monetary(), 1e-12);
        CustomerSummary second = out.get(1);
        assertEquals(0, second.frequency());
        assertEquals(0, second.recency());
        assertEquals(0, second.monetary());
        assertEquals(1, s.ignored());
    }

    @Test
    void weeksRunFromMondayToSunday() {
        TransactionSummary s = new TransactionSummary(LocalDate.of(2024, 1, 21), TimeUnit.W, 1);
        s.add("a", LocalDate.of(2024, 1, 1), 1); // Monday
        s.add("a", LocalDate.of(2024, 1, 7), 1); // Sunday, same week
        s.add("a", LocalDate.of(2024, 1, 8), 1); // next Monday
        CustomerSummary a = s.summaries().get(0);
        assertEquals(1, a.frequency());
        assertEquals(1, a.recency());
        assertEquals(2, a.age());
    }

    @Test
    void monthsAreCalendarMonths() {
        TransactionSummary s = new TransactionSummary(LocalDate.of(2024, 6, 1), TimeUnit.M, 1);
        s.add("a", LocalDate.of(2024, 1, 31), Double.NaN);
        s.add("a", LocalDate.of(2024, 2, 1), Double.NaN);
        CustomerSummary a = s.summaries().get(0);
        assertEquals(1, a.frequency());
        assertEquals(1, a.recency());
        assertEquals(5, a.age());
        assertEquals(true, Double.isNaN(a.monetary()));
    }
}
