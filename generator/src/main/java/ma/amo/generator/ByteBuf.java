package ma.amo.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable byte buffer with allocation-free writers for the CSV values the generator emits (ASCII only). */
final class ByteBuf {
    static final byte SEP = ';';
    static final byte NL = '\n';
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private byte[] a;
    private int n;

    ByteBuf(int capacity) {
        a = new byte[Math.max(16, capacity)];
    }

    int length() {
        return n;
    }

    byte[] array() {
        return a;
    }

    void clear() {
        n = 0;
    }

    private void ensure(int extra) {
        if (n + extra > a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, n + extra));
        }
    }

    ByteBuf put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, a, n, b.length);
        n += b.length;
        return this;
    }

    ByteBuf put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, a, n, len);
        n += len;
        return this;
    }

    ByteBuf put(byte c) {
        ensure(1);
        a[n++] = c;
        return this;
    }

    ByteBuf sep() {
        return put(SEP);
    }

    ByteBuf nl() {
        return put(NL);
    }

    /** Whole number in decimal. */
    ByteBuf num(long v) {
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        int digits = 1;
        while (digits < 19 && v >= POW10[digits]) {
            digits++;
        }
        return padded(v, digits);
    }

    /** Non-negative number left-padded with zeros to {@code width} digits (more digits if needed). */
    ByteBuf padded(long v, int width) {
        int digits = 1;
        while (digits < 19 && v >= POW10[digits]) {
            digits++;
        }
        int w = Math.max(width, digits);
        ensure(w);
        int end = n + w;
        for (int i = end - 1; i >= n; i--) {
            a[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n = end;
        return this;
    }

    /** An amount in cents as {@code 123.45} (exactly two decimals). */
    ByteBuf cents(long cents) {
        if (cents < 0) {
            put((byte) '-');
            cents = -cents;
        }
        num(cents / 100);
        put((byte) '.');
        return padded(cents % 100, 2);
    }

    ByteBuf date(int epochDay) {
        ensure(10);
        Days.write(epochDay, a, n);
        n += 10;
        return this;
    }

    ByteBuf month(int monthIndex) {
        padded(monthIndex / 12, 4);
        put((byte) '-');
        return padded(monthIndex % 12 + 1, 2);
    }

    String text() {
        return new String(a, 0, n, StandardCharsets.US_ASCII);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
