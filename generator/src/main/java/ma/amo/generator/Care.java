package ma.amo.generator;

import java.util.List;
import java.util.Set;

/** Claims calibration: care categories, amounts, reimbursement, consumption by age. */
final class Care {
    static final String[] CATEGORIES = {"MEDICAMENTS", "DISPOSITIFS_MEDICAUX", "OPTIQUE", "HOSPITALISATION",
            "HEMODIALYSE", "CONSULTATIONS", "BIOLOGIE", "IMAGERIE", "ACTES_TECHNIQUES", "DENTAIRE", "AUXILIAIRES",
            "AUTRES"};
    static final int MED = 0, DEVICES = 1, OPTICS = 2, HOSP = 3, DIALYSIS = 4, CONSULT = 5, BIO = 6, IMAGING = 7,
            TECH = 8, DENTAL = 9, AUX = 10, OTHER = 11;
    static final byte[][] CATEGORY_BYTES = new byte[CATEGORIES.length][];
    /** Median amount claimed in the private sector, MAD, and lognormal sigma. */
    static final double[] MEDIAN = {170, 650, 900, 4200, 11000, 200, 220, 450, 550, 350, 250, 250};
    static final double[] SIGMA = {0.95, 1.0, 0.5, 1.05, 0.15, 0.35, 0.75, 0.7, 0.9, 0.8, 0.5, 0.8};
    /** Reimbursement base (national reference tariff) as a share of the amount claimed. */
    static final double[] BASE_PRIVATE = {0.92, 0.6, 0.3, 0.75, 0.95, 0.7, 0.85, 0.8, 0.7, 0.5, 0.8, 0.7};
    static final double[] BASE_PUBLIC = {1.0, 0.8, 0.4, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 1.0, 1.0};
    static final double[] RATE = {0.70, 0.70, 0.70, 0.90, 0.90, 0.70, 0.70, 0.70, 0.80, 0.70, 0.70, 0.70};
    static final double[] MIX = Mix.cumulative(44, 1.5, 2, 1.5, 0, 20, 12, 5, 4, 4, 2, 3);
    static final double[] MIX_ALD = Mix.cumulative(50, 2, 0, 6, 0, 12, 14, 6, 6, 0, 2, 2);
    /** Specialty drugs of ALD treatments cost more than the average box. */
    static final double ALD_DRUG_FACTOR = 2.8;
    /** Public providers charge the public tariff, lower than private fees (drugs excepted). */
    static final double PUBLIC_PRICE = 0.55;
    static final double[] LINES_PER_CLAIM = Mix.cumulative(45, 25, 15, 9, 6);
    static final double MEAN_LINES = (45 * 1 + 25 * 2 + 15 * 3 + 9 * 4 + 6 * 5) / 100.0;
    /** Extra lines a year of a patient while under an ALD exemption. */
    static final double ALD_EXTRA_LINES = 28;
    /** Global consumption scale, calibrated to about 3.4 lines per beneficiary a year. */
    static final double LINES_SCALE = 0.8;
    static final byte[][] CONSULT_ACTS = {ByteBuf.bytes("C"), ByteBuf.bytes("CS"), ByteBuf.bytes("CSP"), ByteBuf.bytes("V")};

    static {
        for (int i = 0; i < CATEGORIES.length; i++) {
            CATEGORY_BYTES[i] = ByteBuf.bytes(CATEGORIES[i]);
        }
    }

    private Care() {
    }

    static void check(Set<String> referenceCategories) {
        for (String c : CATEGORIES) {
            if (!referenceCategories.contains(c)) {
                throw new IllegalArgumentException("care category " + c + " is not in reference/care_categories.csv "
                        + List.copyOf(referenceCategories));
            }
        }
    }

    /** Claim lines a year outside any ALD, by age and sex. */
    static double annualLines(int age, int sex) {
        double base;
        if (age < 5) {
            base = 4.2;
        } else if (age < 15) {
            base = 1.9;
        } else if (age < 25) {
            base = 1.9;
        } else if (age < 45) {
            base = 2.7;
        } else if (age < 65) {
            base = 3.9;
        } else {
            base = 5.2;
        }
        if (sex == 1 && age >= 15 && age < 55) {
            base *= 1.2;
        }
        return base * LINES_SCALE;
    }

    /** Writes an act code for the category (never empty). */
    static void act(int cat, Mix.Rng rng, ByteBuf out) {
        switch (cat) {
            case MED -> out.put((byte) 'G').put((byte) 'M').put((byte) 'R').padded(1 + rng.nextInt(4583), 4);
            case DEVICES -> out.put((byte) 'D').put((byte) 'M').padded(1 + rng.nextInt(400), 3);
            case OPTICS -> out.put((byte) 'O').put((byte) 'P').put((byte) 'T').padded(1 + rng.nextInt(40), 2);
            case HOSP -> out.put((byte) 'F').put((byte) 'H').padded(1 + rng.nextInt(60), 2);
            case DIALYSIS -> out.put((byte) 'H').put((byte) 'D').padded(1, 2);
            case CONSULT -> out.put(CONSULT_ACTS[rng.nextInt(CONSULT_ACTS.length)]);
            case BIO -> out.put((byte) 'B').num(10L * rng.between(2, 40));
            case IMAGING -> out.put((byte) 'Z').num(rng.between(10, 120));
            case TECH -> out.put((byte) 'K').num(rng.between(10, 150));
            case DENTAL -> out.put((byte) 'D').num(rng.between(5, 60));
            case AUX -> out.put((byte) 'A').put((byte) 'M').put((byte) 'M').num(rng.between(5, 20));
            default -> out.put((byte) 'P').put((byte) 'R').put((byte) 'S').padded(1 + rng.nextInt(99), 2);
        }
    }
}
