package ma.amo.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ma.amo.common.contract.Feed;

/**
 * The deliveries of one managing body for one year: a beneficiaries and an ald snapshot, twelve monthly
 * contributions and claims files, a sequence-1 claims file later replaced by sequence 2, and financials.
 * Each is a "slot"; a slot is delivered only when the OG manages some regime in its window.
 */
final class Group {
    static final int BEN = 0, ALD = 1, CONTRIB = 2, CLAIMS = 14, VARIANT = 26, FIN = 27, SLOTS = 28;

    final String og;
    final byte[] ogBytes;
    final int year;
    final List<RegimeModel> regimes = new ArrayList<>();
    final boolean[] active = new boolean[SLOTS];
    /** Claims month (0..11) delivered twice, sequence 1 then a replacing sequence 2; -1 when none. */
    final int variantMonth;

    Group(Model model, String og, int year) {
        this.og = og;
        this.ogBytes = ByteBuf.bytes(og);
        this.year = year;
        int windowStart = Days.monthStart(year * 12 - 7);
        for (RegimeModel r : model.regimes) {
            if (r.managedSomeDay(og, windowStart, Days.yearEnd(year))) {
                regimes.add(r);
            }
        }
        boolean yearly = managed(Days.yearStart(year), Days.yearEnd(year));
        active[BEN] = yearly;
        active[ALD] = yearly;
        active[FIN] = yearly;
        List<Integer> claimMonths = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            int mi = year * 12 + m;
            active[CONTRIB + m] = managed(Days.monthStart(mi), Days.monthEnd(mi));
            active[CLAIMS + m] = managed(Days.monthStart(mi - 6), Days.monthEnd(mi));
            if (active[CLAIMS + m] && m > 0) {
                claimMonths.add(m);
            }
        }
        if (claimMonths.isEmpty()) {
            variantMonth = -1;
        } else {
            long h = Mix.hash(model.seed, og.hashCode(), year);
            variantMonth = claimMonths.get((int) Long.remainderUnsigned(h, claimMonths.size()));
            active[VARIANT] = true;
        }
    }

    private boolean managed(int from, int to) {
        for (RegimeModel r : regimes) {
            if (r.managedSomeDay(og, from, to)) {
                return true;
            }
        }
        return false;
    }

    boolean empty() {
        return regimes.isEmpty();
    }

    static Feed feed(int slot) {
        if (slot == BEN) {
            return Feed.BENEFICIARIES;
        } else if (slot == ALD) {
            return Feed.ALD;
        } else if (slot == FIN) {
            return Feed.FINANCIALS;
        } else if (slot < CLAIMS) {
            return Feed.CONTRIBUTIONS;
        }
        return Feed.CLAIMS;
    }

    int month(int slot) {
        if (slot >= CONTRIB && slot < CLAIMS) {
            return slot - CONTRIB;
        } else if (slot >= CLAIMS && slot < VARIANT) {
            return slot - CLAIMS;
        } else if (slot == VARIANT) {
            return variantMonth;
        }
        return -1;
    }

    String period(int slot) {
        int m = month(slot);
        return m < 0 ? String.valueOf(year) : String.format(Locale.ROOT, "%04d-%02d", year, m + 1);
    }

    /** The variant slot is the first delivery (sequence 1) of its month; the regular claims file is sequence 2. */
    int sequence(int slot) {
        return slot >= CLAIMS && slot < VARIANT && slot - CLAIMS == variantMonth ? 2 : 1;
    }

    String relativePath(int slot) {
        String o = og.toLowerCase(Locale.ROOT);
        return o + "/" + year + "/" + o + "_" + feed(slot).code() + "_" + period(slot)
                + String.format(Locale.ROOT, "_%02d.csv", sequence(slot));
    }

    /** Deterministic production time: a few days after the period, later for a higher sequence. */
    String producedAt(int slot) {
        int m = month(slot);
        int day = m < 0 ? Days.of(year + 1, 1, 20) : Days.monthStart(year * 12 + m + 1) + 4;
        day += (sequence(slot) - 1) * 9;
        return Days.text(day) + "T06:00:00Z";
    }
}
