package ma.amo.report.quality;

import ma.amo.common.reference.ReferenceData;
import ma.amo.ingestion.DeliveryStatus;
import ma.amo.ingestion.LedgerEntry;
import ma.amo.report.RagTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 1's rules on hand-written ledgers (no Spark): when a rejection is resolved, the claims run-off after
 * a body stops managing a regime (law 54-23: CNOPS until 2026-01-28, regimes.csv), the optional feed, and
 * rejections without a place in the calendar.
 */
class ExpectedDeliveriesTest {
    private static final ReferenceData REFERENCE = ReferenceData.bundled();

    private static LedgerEntry entry(String og, String feed, String period, Integer sequence, DeliveryStatus status,
                                     String replacedBy) {
        String id = og + "-" + feed + "-" + period + "-s" + sequence + "-" + status.name().toLowerCase();
        return new LedgerEntry(id, id + ".csv", og, feed, period, sequence, "csv", null, null, 0L, 1L, status,
                status == DeliveryStatus.REJECTED ? "ROW_COUNT_MISMATCH: 2 rows, manifest says 1" : null,
                status == DeliveryStatus.LOADED ? 1 : 0, 0, null, replacedBy, null, null, new Timestamp(0));
    }

    private static LedgerEntry loaded(String og, String feed, String period, int sequence) {
        return entry(og, feed, period, sequence, DeliveryStatus.LOADED, null);
    }

    private static LedgerEntry rejected(String og, String feed, String period, Integer sequence) {
        return entry(og, feed, period, sequence, DeliveryStatus.REJECTED, null);
    }

    /** og|feed|period|expected|status|delivery|rejected count|severity (rejection texts left out). */
    private static List<String> rows(List<LedgerEntry> ledger, Integer year) {
        RagTable t = ExpectedDeliveries.table(ledger, REFERENCE, QualityOptions.of(year, Path.of("unused")));
        return IntStream.range(0, t.size()).mapToObj(r -> IntStream.of(0, 1, 2, 3, 4, 5, 6, 8)
                .mapToObj(c -> t.text(r, c)).collect(Collectors.joining("|"))).toList();
    }

    @Test
    void aRejectionBlocksUntilTheSameOrAHigherSequenceIsLoaded() {
        List<LedgerEntry> ledger = List.of(
                loaded("CNSS", "claims", "2024-01", 1),
                rejected("CNSS", "claims", "2024-02", 1),                         // never replaced
                loaded("CNSS", "claims", "2024-03", 1),
                loaded("CNOPS", "claims", "2024-01", 1),
                rejected("CNOPS", "claims", "2024-01", 2),                        // the correction was refused
                rejected("CNOPS", "claims", "2024-02", 1),
                loaded("CNOPS", "claims", "2024-02", 2),                          // sent again, loaded
                loaded("CNOPS", "claims", "2024-03", 1),
                rejected("CNOPS", "claims", "2024-03", 1),                        // same sequence, other bytes
                rejected(null, null, null, null),                                 // manifest unreadable
                rejected("CNAMO", "claims", "2024-01", 1));                       // unknown body
        assertThat(rows(ledger, null)).containsExactly(
                "CNOPS|claims|2024-01|true|REJETEE|CNOPS-claims-2024-01-s1-loaded|1|BLOQUANT",
                "CNOPS|claims|2024-02|true|RECUE|CNOPS-claims-2024-02-s2-loaded|1|",
                "CNOPS|claims|2024-03|true|RECUE|CNOPS-claims-2024-03-s1-loaded|1|",
                "CNSS|claims|2024-01|true|RECUE|CNSS-claims-2024-01-s1-loaded|0|",
                "CNSS|claims|2024-02|true|REJETEE||1|BLOQUANT",
                "CNSS|claims|2024-03|true|RECUE|CNSS-claims-2024-03-s1-loaded|0|",
                // sorted by source file: "CNAMO-…" before "null-…"
                "CNAMO|claims|2024-01|false|NON_ATTRIBUEE||1|AVERTISSEMENT",
                "|||false|NON_ATTRIBUEE||1|AVERTISSEMENT");
    }

    @Test
    void claimsAreExpectedSixMonthsAfterTheBodyStopsManagingContributionsNot() {
        List<LedgerEntry> ledger = List.of(
                loaded("CNSS", "claims", "2025-12", 1),
                loaded("CNSS", "claims", "2026-01", 1),
                loaded("CNSS", "claims", "2026-09", 1),
                loaded("CNSS", "contributions", "2026", 1),                       // a year covers its 12 months
                loaded("CNSS", "financials", "2026", 1));
        List<String> cnops = rows(ledger, 2026).stream().filter(r -> r.startsWith("CNOPS")).toList();
        // claims: expected while CNOPS ran a regime in [M-6, M], i.e. up to 2026-07 (2026-01 + 6 months);
        // contributions: only January (managed until 28 January); financials (optional): 2026, a warning
        assertThat(cnops).containsExactly(
                "CNOPS|claims|2026-01|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|claims|2026-02|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|claims|2026-03|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|claims|2026-04|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|claims|2026-05|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|claims|2026-06|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|claims|2026-07|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|contributions|2026-01|true|MANQUANTE||0|BLOQUANT",
                "CNOPS|financials|2026|true|MANQUANTE||0|AVERTISSEMENT");
        // CNSS claims: 2026-01 and 2026-09 received, 02 … 08 missing (7); 2025-12 is outside --year 2026
        List<String> cnss = rows(ledger, 2026).stream().filter(r -> r.startsWith("CNSS|claims")).toList();
        assertThat(cnss).hasSize(9).filteredOn(r -> r.contains("MANQUANTE")).hasSize(7);
        assertThat(rows(ledger, 2025)).containsExactly(
                "CNOPS|claims|2025-12|true|MANQUANTE||0|BLOQUANT",
                "CNSS|claims|2025-12|true|RECUE|CNSS-claims-2025-12-s1-loaded|0|");
    }
}
