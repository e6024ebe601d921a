package ma.amo.dashboards;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers written the way Moroccan French documents write them: a narrow no-break space between thousands, a
 * comma before decimals, the currency after: {@code 1 234 567,89 MAD}. Done by hand rather than with a
 * locale, because CLDR's fr-MA groups with a dot and the dashboards' script must write exactly the same text
 * (see formatNumber in dashboard.html).
 */
public final class FrenchNumbers {
    /** U+202F NARROW NO-BREAK SPACE: never breaks a number across lines. */
    public static final char GROUP = '\u202F';

    private FrenchNumbers() {
    }

    public static String mad(BigDecimal amount) {
        return number(amount, 2) + GROUP + "MAD";
    }

    public static String count(long n) {
        return number(BigDecimal.valueOf(n), 0);
    }

    /** A ratio as a percentage with one decimal: 0.1234 → "12,3 %". */
    public static String percent(BigDecimal ratio) {
        return number(ratio.movePointRight(2), 1) + GROUP + "%";
    }

    public static String number(BigDecimal value, int decimals) {
        BigDecimal v = value.setScale(decimals, RoundingMode.HALF_UP);
        String digits = v.abs().toPlainString();
        String integer = decimals > 0 ? digits.substring(0, digits.indexOf('.')) : digits;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                out.append(GROUP);
            }
            out.append(integer.charAt(i));
        }
        if (decimals > 0) {
            out.append(',').append(digits.substring(digits.indexOf('.') + 1));
        }
        return (v.signum() < 0 ? "-" : "") + out;
    }
}
