package ma.amo.generator;

import java.util.List;

/** One regime at the requested scale: its profile, household count and validity intervals per managing body. */
final class RegimeModel {
    final int index;
    final Profile profile;
    final String code;
    final byte[] codeBytes;
    final byte[] prefix;
    final long seed;
    final double[] regionCdf;
    /** Validity intervals (inclusive epoch days, OPEN = no end) and their managing body. */
    final int[] ivFrom;
    final int[] ivTo;
    final String[] ivOg;
    final int stockFrom;
    final int stockTo;
    /** The public-sector regime: contributions capped, State employers, CNOPS pension deductions. */
    final boolean publicSector;
    long households;
    /** Base of the regime's person numbers in the national-id space. */
    long personBase;

    RegimeModel(int index, Profile profile, long seed, double[] regionCdf, List<ma.amo.common.reference.Regime> validity) {
        this.index = index;
        this.profile = profile;
        this.code = profile.code();
        this.codeBytes = ByteBuf.bytes(code);
        this.prefix = ByteBuf.bytes(profile.prefix());
        this.seed = Mix.hash(seed, 0x5EED0000L + index);
        this.regionCdf = regionCdf;
        this.stockFrom = Days.of(java.time.LocalDate.parse(profile.stockFrom()));
        this.stockTo = Days.of(java.time.LocalDate.parse(profile.stockTo()));
        this.publicSector = code.equals("AMO_SAL_PUBLIC");
        this.ivFrom = new int[validity.size()];
        this.ivTo = new int[validity.size()];
        this.ivOg = new String[validity.size()];
        for (int i = 0; i < validity.size(); i++) {
            ivFrom[i] = Days.of(validity.get(i).validFrom());
            ivTo[i] = Days.of(validity.get(i).validTo());
            ivOg[i] = validity.get(i).ogCode();
        }
    }

    /** True when {@code og} manages the regime on some day of [from, to]. */
    boolean managedSomeDay(String og, int from, int to) {
        for (int i = 0; i < ivOg.length; i++) {
            if (ivOg[i].equals(og) && ivFrom[i] <= to && ivTo[i] >= from) {
                return true;
            }
        }
        return false;
    }

    boolean managedOn(String og, int day) {
        return managedSomeDay(og, day, day);
    }
}
