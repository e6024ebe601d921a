package ma.amo.report.quality;

import ma.amo.common.contract.Feed;
import ma.amo.common.reference.ReferenceData;
import ma.amo.ingestion.DeliveryStatus;
import ma.amo.ingestion.LedgerEntry;
import ma.amo.report.RagTable;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Section 1: for every managing body, feed and period of the feed's window, whether the delivery expected
 * there was received (a LOADED, not replaced delivery in bronze.deliveries), is missing, or was rejected and
 * not replaced. The ledger has one row per file, so this is plain Java over it.
 *
 * <p>Cadence: claims and contributions are monthly (a yearly delivery covers its twelve months), beneficiaries,
 * ald and financials yearly (a monthly delivery counts for its year). A feed's window runs from the first to the
 * last period any managing body delivered for it, whatever the delivery's status: the calendar of expected
 * periods is what the platform has seen, so a body that stops while the other goes on shows, a year nobody
 * delivered yet does not. A body is expected in a period when it managed some regime in it
 * (reference/regimes.csv); for claims also in the {@value #CLAIMS_RUN_OFF_MONTHS} months after, care given
 * before a transfer being settled later.
 */
final class ExpectedDeliveries {
    static final Set<Feed> MONTHLY = EnumSet.of(Feed.CLAIMS, Feed.CONTRIBUTIONS);
    /** The contract's optional feed: a missing delivery of it is a warning, not blocking. */
    static final Set<Feed> OPTIONAL = EnumSet.of(Feed.FINANCIALS);
    static final int CLAIMS_RUN_OFF_MONTHS = 6;

    static final String RECEIVED = "RECUE";
    static final String MISSING = "MANQUANTE";
    static final String REJECTED = "REJETEE";
    static final String UNATTRIBUTED = "NON_ATTRIBUEE";

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(0[1-9]|1[0-2]))?");

    private ExpectedDeliveries() {
    }

    /** The months a period covers: YYYY → its twelve months, YYYY-MM → that month. */
    record Span(YearMonth from, YearMonth to) {
        static Optional<Span> of(String period) {
            Matcher m = period == null ? null : PERIOD.matcher(period);
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            int year = Integer.parseInt(m.group(1));
            return Optional.of(m.group(2) == null ? new Span(YearMonth.of(year, 1), YearMonth.of(year, 12))
                    : new Span(YearMonth.of(year, Integer.parseInt(m.group(2))), YearMonth.of(year, Integer.parseInt(m.group(2)))));
        }

        boolean overlaps(Span other) {
            return !from.isAfter(other.to) && !to.isBefore(other.from);
        }
    }

    static RagTable table(List<LedgerEntry> ledger, ReferenceData reference, QualityOptions options) {
        List<Object[]> rows = new ArrayList<>();
        List<String> ogs = reference.managingBodies().stream().sorted().toList();
        for (Feed feed : EnumSet.allOf(Feed.class).stream().sorted(Comparator.comparing(Feed::code)).toList()) {
            List<LedgerEntry> ofFeed = ledger.stream()
                    .filter(e -> feed.code().equals(e.feed()) && Span.of(e.period()).isPresent()).toList();
            for (String og : ogs) {
                for (Span slot : slots(feed, ofFeed, options)) {
                    row(feed, og, slot, ofFeed, reference).ifPresent(rows::add);
                }
            }
        }
        rows.sort(QualityTables.byColumns(0, 1, 2));
        // rejections that name no known (body, feed, period) come last: listed, but they have no slot
        ledger.stream().filter(e -> e.status() == DeliveryStatus.REJECTED && !attributable(e, reference))
                .sorted(Comparator.comparing(LedgerEntry::sourceFile))
                .forEach(e -> rows.add(new Object[] {e.ogCode(), e.feed(), e.period(), "false", UNATTRIBUTED, null,
                        1L, rejection(e), Severity.WARNING}));
        return QualityTables.table("Q1", "Q1_deliveries", "Livraisons attendues et reçues", List.of(
                QualityTables.OG, QualityTables.FEED, QualityTables.PERIOD,
                QualityTables.text("expected", "Attendue"),
                QualityTables.text("status", "Statut"),
                QualityTables.text("delivery_id", "Livraison retenue"),
                QualityTables.count("rejected_deliveries", "Livraisons rejetées"),
                QualityTables.text("rejections", "Rejets (fichier : motif)")), rows);
    }

    /** The feed's window, month by month or year by year, limited to --year. */
    private static List<Span> slots(Feed feed, List<LedgerEntry> ofFeed, QualityOptions options) {
        List<Span> spans = ofFeed.stream().map(e -> Span.of(e.period()).orElseThrow()).toList();
        List<Span> slots = new ArrayList<>();
        if (spans.isEmpty()) {
            return slots;
        }
        YearMonth first = spans.stream().map(Span::from).min(Comparator.naturalOrder()).orElseThrow();
        YearMonth last = spans.stream().map(Span::to).max(Comparator.naturalOrder()).orElseThrow();
        if (MONTHLY.contains(feed)) {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                slots.add(new Span(m, m));
            }
        } else {
            for (int y = first.getYear(); y <= last.getYear(); y++) {
                slots.add(Span.of(String.valueOf(y)).orElseThrow());
            }
        }
        return slots.stream().filter(s -> options.covers(s.from().getYear())).toList();
    }

    private static Optional<Object[]> row(Feed feed, String og, Span slot, List<LedgerEntry> ofFeed,
                                          ReferenceData reference) {
        boolean expected = managed(og, feed, slot, reference);
        List<LedgerEntry> covering = ofFeed.stream()
                .filter(e -> og.equals(e.ogCode()) && Span.of(e.period()).orElseThrow().overlaps(slot)).toList();
        List<LedgerEntry> current = covering.stream()
                .filter(e -> e.status() == DeliveryStatus.LOADED && e.replacedBy() == null).toList();
        List<LedgerEntry> rejected = covering.stream().filter(e -> e.status() == DeliveryStatus.REJECTED).toList();
        boolean unresolved = rejected.stream().anyMatch(r -> !resolved(r, ofFeed));
        String status;
        Severity severity;
        if (unresolved) {
            status = REJECTED;
            severity = Severity.BLOCKING;
        } else if (!current.isEmpty()) {
            status = RECEIVED;
            severity = null;
        } else if (expected) {
            status = MISSING;
            severity = OPTIONAL.contains(feed) ? Severity.WARNING : Severity.BLOCKING;
        } else {
            return Optional.empty();
        }
        String label = slot.from().equals(slot.to()) ? slot.from().toString() : String.valueOf(slot.from().getYear());
        return Optional.of(new Object[] {og, feed.code(), label, String.valueOf(expected), status,
                current.isEmpty() ? null : current.stream().map(LedgerEntry::deliveryId).collect(Collectors.joining(", ")),
                (long) rejected.size(),
                rejected.isEmpty() ? null : rejected.stream().map(ExpectedDeliveries::rejection).collect(Collectors.joining(" | ")),
                severity});
    }

    /** Managed some regime during the slot (claims: or during the run-off months before it). */
    private static boolean managed(String og, Feed feed, Span slot, ReferenceData reference) {
        YearMonth from = feed == Feed.CLAIMS ? slot.from().minusMonths(CLAIMS_RUN_OFF_MONTHS) : slot.from();
        return reference.regimes().stream()
                .anyMatch(r -> r.ogCode().equals(og) && r.overlaps(from.atDay(1), slot.to().atEndOfMonth()));
    }

    /**
     * A rejected delivery is resolved when a delivery of the same (og, feed, period) with the same or a higher
     * sequence was loaded (replaced since or not): the body sent a good file for what was refused.
     */
    private static boolean resolved(LedgerEntry rejected, List<LedgerEntry> ofFeed) {
        int sequence = rejected.sequence() == null ? 0 : rejected.sequence();
        return ofFeed.stream().anyMatch(e -> e.status() == DeliveryStatus.LOADED && e.ogCode().equals(rejected.ogCode())
                && e.period().equals(rejected.period()) && e.sequence() != null && e.sequence() >= sequence);
    }

    /** Known body, known feed and a readable period: the rejection has a place in the calendar. */
    private static boolean attributable(LedgerEntry e, ReferenceData reference) {
        return e.ogCode() != null && reference.managingBodies().contains(e.ogCode())
                && Feed.fromCode(e.feed()).isPresent() && Span.of(e.period()).isPresent();
    }

    private static String rejection(LedgerEntry e) {
        return e.sourceFile() + ": " + e.reason();
    }
}
