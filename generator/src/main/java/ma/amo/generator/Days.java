package ma.amo.generator;

import java.time.LocalDate;

/**
 * Dates as epoch days (int) with precomputed text and month tables, so the hot loops never touch
 * {@link LocalDate}. A month index is {@code year * 12 + (month - 1)}.
 */
final class Days {
    static final int MIN_YEAR = 1890;
    static final int MAX_YEAR = 2060;
    /** Open end of a spell. */
    static final int OPEN = Integer.MAX_VALUE;
    private static final int BASE = (int) LocalDate.of(MIN_YEAR, 1, 1).toEpochDay();
    private static final int COUNT = (int) (LocalDate.of(MAX_YEAR + 1, 1, 1).toEpochDay() - BASE);
    private static final byte[] TEXT = new byte[COUNT * 10];
    private static final int[] MONTH = new int[COUNT];
    private static final int[] MONTH_START = new int[(MAX_YEAR - MIN_YEAR + 1) * 12 + 1];

    static {
        LocalDate d = LocalDate.of(MIN_YEAR, 1, 1);
        for (int i = 0; i < COUNT; i++, d = d.plusDays(1)) {
            String s = d.toString();
            for (int k = 0; k < 10; k++) {
                TEXT[i * 10 + k] = (byte) s.charAt(k);
            }
            int mi = d.getYear() * 12 + d.getMonthValue() - 1;
            MONTH[i] = mi;
            if (d.getDayOfMonth() == 1) {
                MONTH_START[mi - MIN_YEAR * 12] = BASE + i;
            }
        }
        MONTH_START[MONTH_START.length - 1] = BASE + COUNT;
    }

    private Days() {
    }

    static int of(int year, int month, int day) {
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    static int of(LocalDate d) {
        return d == null ? OPEN : (int) d.toEpochDay();
    }

    static void write(int epochDay, byte[] out, int off) {
        System.arraycopy(TEXT, (epochDay - BASE) * 10, out, off, 10);
    }

    static String text(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    static int monthOf(int epochDay) {
        return MONTH[epochDay - BASE];
    }

    static int monthStart(int monthIndex) {
        return MONTH_START[monthIndex - MIN_YEAR * 12];
    }

    static int monthEnd(int monthIndex) {
        return MONTH_START[monthIndex + 1 - MIN_YEAR * 12] - 1;
    }

    static int daysIn(int monthIndex) {
        return monthEnd(monthIndex) - monthStart(monthIndex) + 1;
    }

    static int yearStart(int year) {
        return monthStart(year * 12);
    }

    static int yearEnd(int year) {
        return monthEnd(year * 12 + 11);
    }
}
