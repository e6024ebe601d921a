package ma.amo.ingestion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The text checks of the driver-side pass, where the corpus cannot place a problem precisely enough. No Spark. */
class FileFingerprintTest {
    @TempDir
    Path dir;

    private String problem(byte[] bytes) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.write(file, bytes);
        FileFingerprint fp = FileFingerprint.of(file, true);
        assertThat(fp.bytes()).isEqualTo(bytes.length);
        assertThat(fp.sha256()).isEqualTo(FileFingerprint.sha256(bytes));
        return fp.textProblem();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void linesAreCountedWhateverTheLineEnds() throws IOException {
        // "a;b" CRLF (5 bytes), "c" CRLF (3 bytes), then 0xE9 (Latin-1 é): the E9 is byte 5 + 3 + 1 = 9, on line 3
        assertThat(problem("a;b\r\nc\r\n\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("not UTF-8 text: invalid byte sequence at byte 9, line 3 (is it Latin-1 or Windows-1252?)");
        // CR alone ends a line too: "a" CR "b" CR NUL: the NUL is byte 5, on line 3
        assertThat(problem(new byte[]{'a', '\r', 'b', '\r', 0})).isEqualTo("binary content (a NUL byte) at byte 5, line 3");
    }

    @Test
    void aLineMayHold64KiBAndNotOneByteMore() throws IOException {
        byte[] longest = "x".repeat(FileFingerprint.MAX_LINE_BYTES).getBytes(StandardCharsets.US_ASCII);
        // the line break (LF, CR or CRLF) does not count
        assertThat(problem(concat("h\n".getBytes(StandardCharsets.US_ASCII), longest, "\r\n".getBytes(StandardCharsets.US_ASCII)))).isNull();
        assertThat(problem(concat("h\n".getBytes(StandardCharsets.US_ASCII), longest, "x\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("line 2 is longer than 65536 bytes: not a CSV row (a runaway field or a file without line breaks?)");
    }

    @Test
    void aMultiByteCharacterAcrossTheReadBufferIsFineAndABrokenOneIsFoundThere() throws IOException {
        // 65535 bytes ("x" LF 32767 times, then "x") then é (C3 A9): the pair straddles the 65536-byte read buffer
        byte[] head = ("x\n".repeat((1 << 15) - 1) + "x").getBytes(StandardCharsets.US_ASCII);
        byte[] eAcute = "\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] lf = "\n".getBytes(StandardCharsets.US_ASCII);
        byte[] shortLines = "x\n".repeat(1 << 15).getBytes(StandardCharsets.US_ASCII); // 65536 bytes, 32768 lines
        assertThat(problem(concat(shortLines, eAcute, lf))).isNull();
        // C3 then 'A': C3 is byte 65536 + 1 = 65537, on line 32768 + 1
        assertThat(problem(concat(shortLines, new byte[]{(byte) 0xC3, 'A'}, lf)))
                .isEqualTo("not UTF-8 text: invalid byte sequence at byte 65537, line 32769 (is it Latin-1 or Windows-1252?)");
        // C3 as the last byte of the first buffer and 'A' the first of the next: C3 is byte 65535 + 1 = 65536, on
        // line 32767 + 1
        assertThat(problem(concat(head, new byte[]{(byte) 0xC3, 'A'}, lf)))
                .isEqualTo("not UTF-8 text: invalid byte sequence at byte 65536, line 32768 (is it Latin-1 or Windows-1252?)");
        assertThat(problem(concat(head, eAcute, lf))).isNull();
        assertThat(problem(concat(lf, new byte[]{(byte) 0xC3}))).isEqualTo("not UTF-8 text: the file ends inside a multi-byte character");
    }
}
