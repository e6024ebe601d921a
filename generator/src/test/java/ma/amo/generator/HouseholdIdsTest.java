package ma.amo.generator;

import ma.amo.common.reference.ReferenceData;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * beneficiary_id is the household number plus one digit per member, so two members of a household must never
 * share a number. Checked on every household of every regime at scale 0.01 (the largest households, a student
 * child + spouse + six children + an ascendant, are rare enough to be missed by the small contract fixtures).
 */
class HouseholdIdsTest {
    @Test
    void membersOfAHouseholdHaveDistinctNumbers() {
        Model model = new Model(ReferenceData.bundled(), 42L, 0.01);
        Household h = new Household();
        Mix.Rng rng = new Mix.Rng();
        long households = 0;
        int largest = 0;
        for (RegimeModel r : model.regimes) {
            for (long hh = 0; hh < r.households; hh++) {
                model.household(r, hh, h, rng);
                Set<Integer> numbers = new HashSet<>();
                for (int m = 0; m < h.n; m++) {
                    assertThat(numbers.add(h.memberNo[m])).as("%s household %d member %d", r, hh, m).isTrue();
                    assertThat(h.memberNo[m]).isBetween(0, Household.MAX - 1);
                }
                largest = Math.max(largest, h.n);
                households++;
            }
        }
        assertThat(households).isGreaterThan(50_000);
        assertThat(largest).as("the largest households are in the sample").isGreaterThanOrEqualTo(9);
    }
}
