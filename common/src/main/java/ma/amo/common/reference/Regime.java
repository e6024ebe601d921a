package ma.amo.common.reference;

import java.time.LocalDate;

/**
 * One validity interval of a regime: which managing body ran it, from when to when (validTo null = open).
 * A regime that changed managing body (AMO_SAL_PUBLIC under law 54-23) has several.
 */
public record Regime(String regimeCode, String ogCode, String name, LocalDate validFrom, LocalDate validTo,
                     String contributionPayer) {

    public boolean managedBy(String og, LocalDate day) {
        return ogCode.equals(og) && !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** True when this interval shares at least one day with [from, to] (to null = open). */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return (to == null || !to.isBefore(validFrom)) && (validTo == null || !validTo.isBefore(from));
    }
}
