package ma.amo.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One streaming pass over a data file: its SHA-256 and size, and for text files where it first stops being
 * CSV text: an invalid UTF-8 sequence, a NUL byte, or a line longer than {@value #MAX_LINE_BYTES} bytes. So a
 * Latin-1, binary or runaway file is rejected with the byte and line it went wrong on rather than loaded as
 * mojibake or as a 10 MB value.
 */
public record FileFingerprint(String sha256, long bytes, String textProblem) {
    /**
     * The longest line a CSV delivery may have. A contract row is a few hundred bytes (no column holds free
     * text), so 64 KiB is two orders of magnitude of margin; a longer line is a broken export, not a row.
     */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    public static FileFingerprint of(Path file, boolean checkText) throws IOException {
        MessageDigest digest = sha256Digest();
        TextCheck text = checkText ? new TextCheck() : null;
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                if (text != null) {
                    text.scan(buffer, n);
                }
                total += n;
            }
        }
        return new FileFingerprint(HexFormat.of().formatHex(digest.digest()), total, text == null ? null : text.finish());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text checks, fed buffer by buffer; the first problem found is kept. Lines end with LF, CR or CRLF. */
    private static final class TextCheck {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer pending = ByteBuffer.allocate((1 << 16) + 8);
        private final CharBuffer chars = CharBuffer.allocate((1 << 16) + 8);
        private String problem;
        private long offset;
        private long line = 1;
        private long lineBytes;
        private boolean afterCr;

        void scan(byte[] buffer, int n) {
            if (problem != null) {
                return;
            }
            long invalidAt = firstInvalidUtf8(buffer, n);
            for (int i = 0; i < n && problem == null; i++) {
                long at = offset + i;
                byte b = buffer[i];
                if (at == invalidAt || (i == 0 && invalidAt >= 0 && invalidAt < offset)) {
                    problem = "not UTF-8 text: invalid byte sequence at byte " + (invalidAt + 1) + ", line " + line
                            + " (is it Latin-1 or Windows-1252?)";
                } else if (b == 0) {
                    problem = "binary content (a NUL byte) at byte " + (at + 1) + ", line " + line;
                } else if (b == '\r' || (b == '\n' && !afterCr)) {
                    line++;
                    lineBytes = 0;
                } else if (b != '\n' && ++lineBytes > MAX_LINE_BYTES) {
                    problem = "line " + line + " is longer than " + MAX_LINE_BYTES + " bytes: not a CSV row"
                            + " (a runaway field or a file without line breaks?)";
                }
                afterCr = b == '\r';
            }
            offset += n;
        }

        /** The absolute index of the first byte that is not UTF-8 in this buffer, or -1. */
        private long firstInvalidUtf8(byte[] buffer, int n) {
            int carried = pending.position();
            pending.put(buffer, 0, n).flip();
            chars.clear();
            CoderResult result = decoder.decode(pending, chars, false);
            long invalidAt = result.isError() ? offset - carried + pending.position() : -1;
            pending.compact();
            return invalidAt;
        }

        String finish() {
            if (problem == null) {
                pending.flip();
                chars.clear();
                if (decoder.decode(pending, chars, true).isError() || decoder.flush(chars).isError()) {
                    problem = "not UTF-8 text: the file ends inside a multi-byte character";
                }
            }
            return problem;
        }
    }
}
