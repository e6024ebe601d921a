package ma.amo.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ma.amo.common.contract.Feed;

/**
 * One data file being written: it hashes (SHA-256), counts rows and sums the control totals in cents as
 * the bytes go out, and writes the manifest beside it when finished.
 */
final class Delivery {
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d{1,2})?");

    final String relativePath;
    final Feed feed;
    final String og;
    final String period;
    final int sequence;
    final String producedAt;
    private final Path data;
    private final OutputStream out;
    private final MessageDigest sha;
    private final long[] totals;
    private long rows;
    private long bytes;

    Delivery(Path root, String relativePath, Feed feed, String og, String period, int sequence, String producedAt)
            throws IOException {
        this.relativePath = relativePath;
        this.feed = feed;
        this.og = og;
        this.period = period;
        this.sequence = sequence;
        this.producedAt = producedAt;
        this.data = root.resolve(relativePath);
        Files.createDirectories(data.getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(data), 1 << 16);
        this.sha = sha256();
        this.totals = new long[feed.controlTotals().size()];
        write(header(feed, feed.columnNames()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] header(Feed feed, List<String> columns) {
        return (String.join(";", columns) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha.update(b, off, len);
        bytes += len;
    }

    /** Appends generated rows with their precomputed count and totals (cents). */
    void append(ByteBuf buf, long rowCount, long total1, long total2) throws IOException {
        if (buf != null) {
            write(buf.array(), 0, buf.length());
        }
        rows += rowCount;
        if (totals.length > 0) {
            totals[0] += total1;
        }
        if (totals.length > 1) {
            totals[1] += total2;
        }
    }

    /**
     * Appends one hand-made row (a planted anomaly or a group-level row): the control totals take its
     * amounts that parse. Returns its 1-based data row number.
     */
    long appendLine(String line) throws IOException {
        write((line + "\n").getBytes(StandardCharsets.UTF_8));
        rows++;
        String[] cells = line.split(";", -1);
        if (cells.length == feed.columns().size()) {
            for (int t = 0; t < totals.length; t++) {
                String v = cells[feed.columnNames().indexOf(feed.controlTotals().get(t))];
                if (AMOUNT.matcher(v).matches()) {
                    totals[t] += parseCents(v);
                }
            }
        }
        return rows;
    }

    static long parseCents(String v) {
        boolean neg = v.startsWith("-");
        String s = neg ? v.substring(1) : v;
        int dot = s.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        long frac = 0;
        if (dot >= 0) {
            String f = s.substring(dot + 1);
            frac = Long.parseLong(f) * (f.length() == 1 ? 10 : 1);
        }
        long c = whole * 100 + frac;
        return neg ? -c : c;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    /** Closes the data file and writes the manifest; returns the bytes of both. */
    long finish() throws IOException {
        out.close();
        Map<String, Object> ct = new LinkedHashMap<>();
        for (int t = 0; t < totals.length; t++) {
            ct.put(feed.controlTotals().get(t), new Manifest.Cents(totals[t]));
        }
        String json = Manifest.json(Manifest.of(og, feed.code(), period, sequence, rows,
                HexFormat.of().formatHex(sha.digest()), ct, producedAt));
        byte[] mb = json.getBytes(StandardCharsets.UTF_8);
        Files.write(data.resolveSibling(data.getFileName() + ".manifest.json"), mb);
        return bytes + mb.length;
    }
}
