package ma.amo.generator;

/**
 * Calibration of one regime: population structure, timeline, consumption and contributions. Values are
 * orders of magnitude from shared/domain.md (and the seeds it summarises); see docs/generator.md.
 */
record Profile(
        String code,
        /* two letters heading the regime's beneficiary and claim identifiers */
        String prefix,
        /* beneficiaries in 2024 at scale 1.0 */
        double target,
        double maleInsured,
        int insuredAgeLo,
        int insuredAgeHi,
        double pensionerShare,
        double spouseProb,
        double childrenMean,
        double ascendantProb,
        /* households with the insured alone (students) */
        boolean single,
        /* coverage start of the stock (households already covered before 2023) */
        String stockFrom,
        String stockTo,
        double stockShare,
        /* yearly probability a household leaves the regime (from 2023 on) */
        double exitHazard,
        /* region weights: 0 = population, 1 = salaried (urban), 2 = solidarity (rural) */
        int regionProfile,
        /* claims: consumption multiplier and share of lines in the public sector */
        double consumption,
        double publicShare,
        /* extra reimbursement rate over the category's (CNOPS pays more) */
        double rateBonus,
        Contribution contribution,
        /* monthly wage, pension, flat contribution or State premium, MAD */
        double contributionBase,
        /* contribution rate on wages / pensions */
        double contributionRate,
        /* mean insured per employer */
        int employerSize) {

    enum Contribution { EMPLOYER, TNS, ASSURE, ETAT }

    static final Profile[] ALL = {
            new Profile("AMO_SAL_PRIVE", "PR", 8_500_000, 0.66, 21, 62, 0.13, 0.62, 1.6, 0.03, false,
                    "2006-01-01", "2022-12-31", 0.86, 0.06, 1, 1.10, 0.07, 0.0,
                    Contribution.EMPLOYER, 6200, 0.0637, 12),
            new Profile("AMO_SAL_PUBLIC", "FP", 3_500_000, 0.62, 23, 63, 0.26, 0.72, 1.45, 0.04, false,
                    "2006-01-01", "2022-12-31", 0.90, 0.035, 1, 1.25, 0.25, 0.10,
                    Contribution.EMPLOYER, 9500, 0.05, 150),
            new Profile("AMO_TNS", "TN", 4_000_000, 0.78, 22, 70, 0.0, 0.66, 1.5, 0.03, false,
                    "2021-01-01", "2022-12-31", 0.78, 0.07, 0, 0.95, 0.10, 0.0,
                    Contribution.TNS, 260, 0.0, 0),
            new Profile("AMO_TADAMON", "TD", 11_000_000, 0.58, 22, 80, 0.0, 0.66, 2.4, 0.04, false,
                    "2022-12-01", "2022-12-01", 0.92, 0.05, 2, 0.80, 0.20, 0.0,
                    Contribution.ETAT, 62, 0.0, 0),
            new Profile("AMO_ACHAMIL", "AC", 600_000, 0.55, 25, 75, 0.0, 0.40, 0.45, 0.02, false,
                    "2022-12-01", "2023-06-30", 0.60, 0.08, 1, 1.00, 0.15, 0.0,
                    Contribution.ASSURE, 230, 0.0, 0),
            new Profile("AMO_ETUDIANTS", "ET", 400_000, 0.48, 18, 26, 0.0, 0.0, 0.0, 0.0, true,
                    "2018-09-01", "2022-12-31", 0.62, 0.30, 1, 0.60, 0.40, 0.10,
                    Contribution.ETAT, 38, 0.0, 0),
    };

    boolean employer() {
        return contribution == Contribution.EMPLOYER;
    }
}
