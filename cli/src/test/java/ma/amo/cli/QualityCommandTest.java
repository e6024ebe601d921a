package ma.amo.cli;

import ma.amo.common.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code amo quality} as a scheduler runs it: right after {@code amo ingest}, no build. Two CNSS claims files,
 * January and March 2024: February is missing, which is blocking, so the exit code is 2.
 */
class QualityCommandTest {
    @TempDir
    Path dir;

    private static AmoRun amo(Path warehouse, String... args) {
        return AmoRun.on(warehouse, args);
    }

    private static void claims(Path landing, String month, String claimId, String amount) throws IOException {
        String name = "cnss_claims_" + month + "_01.csv";
        String csv = "og_code;regime_code;claim_id;line_no;beneficiary_id;care_date;settlement_date;care_category;"
                + "act_code;provider_inpe;provider_sector;payment_mode;amount_claimed;amount_base;amount_reimbursed;"
                + "ald_code;status\n"
                + "CNSS;AMO_SAL_PRIVE;" + claimId + ";1;B01;" + month + "-02;" + month + "-10;CONSULTATIONS;;;PRIVE;"
                + "REMBOURSEMENT;" + amount + ";" + amount + ";" + amount + ";;PAYE\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        Files.write(landing.resolve(name), bytes);
        Files.writeString(landing.resolve(name + ".manifest.json"), "{\"og_code\":\"CNSS\",\"feed\":\"claims\","
                + "\"period\":\"" + month + "\",\"sequence\":1,\"format\":\"csv\",\"schema_version\":1,\"row_count\":1,"
                + "\"sha256\":\"" + sha256(bytes) + "\",\"control_totals\":{\"amount_claimed\":" + amount
                + ",\"amount_reimbursed\":" + amount + "}}");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMissingMonthStopsThePublicationWithExitCode2() throws IOException {
        TestSpark.get();
        Path warehouse = dir.resolve("warehouse");
        AmoRun empty = amo(warehouse, "quality", "--out", dir.resolve("q0").toString());
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).contains("has no deliveries: run 'amo ingest' first");

        Path landing = Files.createDirectories(dir.resolve("landing"));
        claims(landing, "2024-01", "K1", "100.00");
        claims(landing, "2024-03", "K3", "50.00");
        AmoRun ingest = amo(warehouse, "ingest", landing.toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();

        Path out = dir.resolve("q");
        AmoRun quality = amo(warehouse, "quality", "--out", out.toString(), "--landing", landing.toString());
        assertThat(quality.code()).as(quality.out() + quality.err()).isEqualTo(2);
        // CNSS claims window 2024-01 … 2024-03; CNOPS runs regimes then too, so its three months are missing as
        // well: 1 + 3 = 4 blocking; the amounts (100, 50) match their manifests
        assertThat(quality.out()).contains("BLOCKING: 4 blocking finding(s)", "note: Aucune construction",
                "Q1_deliveries.csv", "quality.html", "manifest.json");
        assertThat(Files.readString(out.resolve("Q1_deliveries.csv")))
                .contains("CNSS;claims;2024-02;true;MANQUANTE;;0;;BLOQUANT\n")
                .contains("CNOPS;claims;2024-03;true;MANQUANTE;;0;;BLOQUANT\n");
        assertThat(Files.readString(out.resolve("Q4b_control_amounts.csv"))).contains(";amount_claimed;100.00;100.00;0.00;0.00;OK;\n");
    }
}
