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
 * UTF-8 text (an invalid byte sequence or a NUL byte), so a Latin-1 or binary file is rejected with the line
 * it went wrong on rather than loaded as mojibake.
 */
public record FileFingerprint(String sha256, long bytes, String textProblem) {

    public static FileFingerprint of(Path file, boolean checkText) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[1 << 16];
        ByteBuffer pending = ByteBuffer.allocate(buffer.length + 8);
        CharBuffer chars = CharBuffer.allocate(buffer.length + 8);
        String problem = null;
        long total = 0;
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                if (checkText && problem == null) {
                    for (int i = 0; i < n && problem == null; i++) {
                        if (buffer[i] == 0) {
                            problem = "binary content (a NUL byte) at byte " + (total + i + 1) + ", line " + line;
                        } else if (buffer[i] == '\n') {
                            line++;
                        }
                    }
                    if (problem == null) {
                        pending.put(buffer, 0, n).flip();
                        chars.clear();
                        CoderResult result = decoder.decode(pending, chars, false);
                        if (result.isError()) {
                            problem = "not UTF-8 text: invalid byte sequence near byte "
                                    + (total + n - pending.remaining() + 1) + " (is it Latin-1 or Windows-1252?)";
                        }
                        pending.compact();
                    }
                }
                total += n;
            }
        }
        if (checkText && problem == null) {
            pending.flip();
            chars.clear();
            if (decoder.decode(pending, chars, true).isError() || decoder.flush(chars).isError()) {
                problem = "not UTF-8 text: the file ends inside a multi-byte character";
            }
        }
        return new FileFingerprint(HexFormat.of().formatHex(digest.digest()), total, problem);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
