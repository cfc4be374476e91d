package dev.operon.core.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as an operator reads them: whole numbers as they are, two decimals from 1 up ({@code 6508.85}), four
 * significant digits below 1 ({@code 0.8313}, {@code 0.003164}), trailing zeros dropped; never a run of binary
 * noise such as {@code 0.8312999999} or {@code 1.7961444E+9}.
 */
final class ReadableNumbers {

    private static final MathContext BELOW_ONE = new MathContext(4, RoundingMode.HALF_UP);

    private ReadableNumbers() {
    }

    static String of(Number number) {
        if (number == null) {
            return "";
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof java.math.BigInteger) {
            return number.toString();
        }
        double value = number.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal exact = number instanceof BigDecimal big ? big : BigDecimal.valueOf(value);
        BigDecimal rounded = exact.abs().compareTo(BigDecimal.ONE) >= 0
                ? exact.setScale(2, RoundingMode.HALF_UP)
                : exact.round(BELOW_ONE);
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
