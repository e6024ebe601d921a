package ma.amo.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ma.amo.common.reference.ReferenceData;
import ma.amo.common.reference.Regime;

/**
 * The synthetic population at a given seed and scale: regimes, household counts, double registrations and
 * the code tables, plus the pure function that regenerates any household from its number.
 */
final class Model {
    /** Ages are drawn at this date; the population model does not depend on the requested years. */
    static final int REF = Days.of(2025, 1, 1);
    static final int INFLOW_FROM = Days.of(2023, 1, 1);
    static final int INFLOW_TO = Days.of(2030, 12, 31);
    static final int EXIT_FROM = Days.of(2023, 1, 1);
    static final int HORIZON = Days.of(2031, 12, 31);
    static final int SPLIT_FROM = Days.of(2022, 7, 1);
    static final int SPLIT_TO = Days.of(2030, 6, 30);
    /** Share of persons with two spells in the same regime (gap or overlap). */
    static final double SPLIT_SHARE = 0.012;
    /** Share of student households that are also children of a private-sector household (CNSS). */
    static final double DUP_STUDENTS = 0.15;
    /** Share of TNS households whose insured is also a private-sector insured. */
    static final double DUP_TNS = 0.04;
    static final int MIN_HOUSEHOLDS = 6;

    /** Region weights, 01 Tanger .. 12 Dakhla: population (RGPH 2024 shares), urban salaried, rural-leaning. */
    static final double[][] REGION_PROFILES = {
            {11.0, 6.6, 11.9, 14.2, 6.9, 20.6, 12.4, 4.3, 8.0, 1.2, 1.2, 0.6},
            {13.0, 5.0, 9.5, 15.5, 4.5, 31.0, 9.0, 2.0, 6.5, 0.9, 1.4, 0.8},
            {10.0, 8.0, 13.5, 11.0, 9.0, 14.0, 15.0, 6.5, 9.5, 1.5, 1.1, 0.5},
    };
    static final Map<String, Double> ALD_WEIGHTS = Map.ofEntries(
            Map.entry("ALD01", 4.0), Map.entry("ALD02", 7.0), Map.entry("ALD03", 14.0), Map.entry("ALD04", 5.0),
            Map.entry("ALD05", 24.0), Map.entry("ALD06", 2.5), Map.entry("ALD07", 11.0), Map.entry("ALD08", 1.5),
            Map.entry("ALD09", 1.0), Map.entry("ALD10", 2.0), Map.entry("ALD11", 4.0), Map.entry("ALD12", 2.0),
            Map.entry("ALD13", 1.0), Map.entry("ALD14", 0.7), Map.entry("ALD15", 0.8), Map.entry("ALD16", 1.2),
            Map.entry("ALD17", 1.5), Map.entry("ALD18", 4.0), Map.entry("ALD19", 1.0), Map.entry("ALD20", 0.6),
            Map.entry("ALD21", 0.4), Map.entry("ALD22", 1.2), Map.entry("ALD23", 0.8), Map.entry("ALD24", 0.3),
            Map.entry("ALD25", 0.5), Map.entry("ALD26", 0.2), Map.entry("ALD27", 0.3), Map.entry("ALD28", 1.5),
            Map.entry("ALD29", 0.4), Map.entry("ALD30", 0.2));
    /** The ALD whose patients get monthly haemodialysis claims. */
    static final String DIALYSIS_ALD = "ALD06";

    final long seed;
    final double scale;
    final RegimeModel[] regimes;
    final byte[][] regionCodes;
    final byte[][] aldCodes;
    final double[] aldCdf;
    final int dialysisAld;
    final long providers;
    final int natDigits;
    final long natModulus;
    final RegimeModel salPrive;
    final RegimeModel students;
    final RegimeModel tns;
    final long dupStudents;
    final long strideStudents;
    final long dupTns;
    final long strideTns;

    Model(ReferenceData reference, long seed, double scale) {
        this.seed = seed;
        this.scale = scale;
        List<String> regions = reference.table("regions.csv").column("region_code").stream().sorted().toList();
        this.regionCodes = regions.stream().map(ByteBuf::bytes).toArray(byte[][]::new);
        List<String> alds = reference.table("ald_list.csv").column("ald_code").stream().sorted().toList();
        this.aldCodes = alds.stream().map(ByteBuf::bytes).toArray(byte[][]::new);
        this.aldCdf = Mix.cumulative(alds.stream().mapToDouble(a -> ALD_WEIGHTS.getOrDefault(a, 0.5)).toArray());
        this.dialysisAld = alds.indexOf(DIALYSIS_ALD);
        this.providers = Math.max(40, Math.round(55_737 * scale));

        List<RegimeModel> list = new ArrayList<>();
        for (Profile p : Profile.ALL) {
            List<Regime> validity = reference.regimes().stream().filter(r -> r.regimeCode().equals(p.code())).toList();
            if (validity.isEmpty()) {
                continue; // regime not in this reference set: not generated
            }
            double[] weights = regions.size() == 12 ? REGION_PROFILES[p.regionProfile()] : uniform(regions.size());
            list.add(new RegimeModel(list.size(), p, seed, Mix.cumulative(weights), validity));
        }
        this.regimes = list.toArray(RegimeModel[]::new);
        this.salPrive = find("AMO_SAL_PRIVE");
        this.students = find("AMO_ETUDIANTS");
        this.tns = find("AMO_TNS");

        Household h = new Household();
        Mix.Rng rng = new Mix.Rng();
        long base = 0;
        for (RegimeModel r : regimes) {
            r.households = Math.max(MIN_HOUSEHOLDS, Math.round(r.profile.target() * scale / personsPerHousehold(r, h, rng)));
            r.personBase = base;
            base += r.households * Household.MAX;
        }
        int digits = 6;
        while (676L * pow10(digits) < base) {
            digits++;
        }
        this.natDigits = digits;
        this.natModulus = 676L * pow10(digits);

        long dupS = 0, strideS = 1, dupT = 0, strideT = 1;
        if (salPrive != null && students != null) {
            dupS = Math.min(Math.round(students.households * DUP_STUDENTS), salPrive.households / 2);
            strideS = dupS == 0 ? 1 : salPrive.households / dupS;
        }
        if (salPrive != null && tns != null) {
            dupT = Math.min(Math.round(tns.households * DUP_TNS), salPrive.households / 2);
            strideT = dupT == 0 ? 2 : Math.max(2, salPrive.households / dupT);
            dupT = Math.min(dupT, (salPrive.households - 2) / strideT);
        }
        this.dupStudents = dupS;
        this.strideStudents = strideS;
        this.dupTns = Math.max(0, dupT);
        this.strideTns = strideT;
    }

    private static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    private static long pow10(int d) {
        long p = 1;
        for (int i = 0; i < d; i++) {
            p *= 10;
        }
        return p;
    }

    RegimeModel find(String code) {
        for (RegimeModel r : regimes) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        return null;
    }

    /** Mean persons covered some day of 2024 per household, measured on a fixed sample (seed-independent). */
    private double personsPerHousehold(RegimeModel r, Household h, Mix.Rng rng) {
        int from = Days.yearStart(2024), to = Days.yearEnd(2024);
        long persons = 0;
        int sample = 4000;
        for (int i = 0; i < sample; i++) {
            natural(r, 1_000_000_000L + i, h, rng, Mix.hash(0xCA11B, r.index, i));
            for (int m = 0; m < h.n; m++) {
                if (h.coverFrom(m) <= to && h.coverTo(m) >= from) {
                    persons++;
                }
            }
        }
        return Math.max(0.2, persons / (double) sample);
    }

    boolean studentSource(long hh) {
        return dupStudents > 0 && hh % strideStudents == 0 && hh / strideStudents < dupStudents;
    }

    /** Regenerates household {@code hh} of regime {@code r} into {@code h}. */
    void household(RegimeModel r, long hh, Household h, Mix.Rng rng) {
        if (r == students && hh < dupStudents) {
            Household src = scratch(h);
            natural(salPrive, hh * strideStudents, src, rng, Mix.hash(salPrive.seed, hh * strideStudents));
            natural(r, hh, h, rng, Mix.hash(r.seed, hh));
            copyPerson(src, 1, h);
            return;
        }
        if (r == tns && hh < dupTns) {
            Household src = scratch(h);
            long j = hh * strideTns + 1;
            natural(salPrive, j, src, rng, Mix.hash(salPrive.seed, j));
            natural(r, hh, h, rng, Mix.hash(r.seed, hh));
            copyPerson(src, 0, h);
            h.idRegime = salPrive;
            h.idHousehold = j;
            h.idMember = 0;
            return;
        }
        natural(r, hh, h, rng, Mix.hash(r.seed, hh));
    }

    private static Household scratch(Household h) {
        if (h.scratch == null) {
            h.scratch = new Household();
        }
        return h.scratch;
    }

    /** Makes {@code h} a one-person household whose insured is person {@code m} of {@code src}. */
    private void copyPerson(Household src, int m, Household h) {
        h.n = 1;
        h.pensioner = false;
        h.region = src.region;
        h.sex[0] = src.sex[m];
        h.birth[0] = src.birth[m];
        h.age[0] = src.age[m];
        h.nat[0] = src.nat[m];
        h.start = Math.max(src.s1[m], h.birth[0] + 6575);
        h.end = src.end;
        if (h.start > h.end) {
            h.start = src.s1[m];
        }
        h.s1[0] = h.start;
        h.e1[0] = h.end;
        h.s2[0] = -1;
        h.ald[0] = -1;
    }

    private void natural(RegimeModel r, long hh, Household h, Mix.Rng rng, long hs) {
        Profile p = r.profile;
        h.regime = r;
        h.hh = hh;
        h.seed = hs;
        h.n = 0;
        h.idRegime = null;
        rng.seed(hs);
        if (rng.chance(p.stockShare())) {
            h.start = r.stockFrom + rng.nextInt(r.stockTo - r.stockFrom + 1);
        } else {
            h.start = INFLOW_FROM + rng.nextInt(INFLOW_TO - INFLOW_FROM + 1);
        }
        double years = -Math.log(1.0 - rng.nextDouble()) / p.exitHazard();
        long end = Math.max(h.start, EXIT_FROM) + (long) (years * 365.25);
        h.end = end > HORIZON ? Days.OPEN : (int) end;
        h.region = rng.pick(r.regionCdf);
        boolean forcedChild = r == salPrive && studentSource(hh);
        h.pensioner = !forcedChild && rng.chance(p.pensionerShare());
        int age = h.pensioner ? 60 + triangular(rng, 28) : p.insuredAgeLo() + triangular(rng, p.insuredAgeHi() - p.insuredAgeLo());
        if (forcedChild) {
            age = Math.max(age, 46);
        }
        int sex = rng.chance(p.maleInsured()) ? 0 : 1;
        int no = 0;
        add(h, rng, no++, Household.ASSURE, sex, age);
        if (forcedChild) {
            add(h, rng, no++, Household.ENFANT, rng.nextInt(2), 19 + rng.nextInt(5));
        }
        if (!p.single()) {
            if (age >= 20 && rng.chance(h.pensioner ? p.spouseProb() * 0.75 : p.spouseProb())) {
                int spouseAge = Math.max(18, Math.min(95, age + (sex == 0 ? -4 : 4) + (int) Math.round(rng.gaussian() * 4)));
                add(h, rng, no++, Household.CONJOINT, 1 - sex, spouseAge);
            }
            int children = Math.min(6, rng.poisson(p.childrenMean()));
            for (int c = 0; c < children; c++) {
                int childAge = age - rng.between(20, 42);
                if (childAge >= -3 && childAge <= 25) {
                    add(h, rng, no, Household.ENFANT, rng.nextInt(2), childAge);
                }
                no++;
            }
            // Members are numbered 0..9 (one digit of the id): insured 0, a student child 1, spouse, up to six
            // children up to 8; the ascendant takes 9, the one number nobody else can reach.
            if (rng.chance(p.ascendantProb())) {
                add(h, rng, 9, Household.ASCENDANT, rng.chance(0.6) ? 1 : 0, rng.between(62, 92));
            }
        }
    }

    private static int triangular(Mix.Rng rng, int width) {
        return (int) ((rng.nextDouble() + rng.nextDouble()) * 0.5 * (width + 1));
    }

    /** Adds a member when they are covered at all (born before the household's coverage ends). */
    private void add(Household h, Mix.Rng rng, int memberNo, int rel, int sex, int age) {
        long ps = Mix.hash(h.seed, 1000 + memberNo);
        int birth = REF - (int) Math.round(age * 365.25) - rng.nextInt(365);
        int start = Math.max(h.start, birth);
        if (start > h.end || birth < Days.of(1900, 1, 2)) {
            return;
        }
        int m = h.n++;
        h.memberNo[m] = memberNo;
        h.rel[m] = rel;
        h.sex[m] = sex;
        h.birth[m] = birth;
        h.age[m] = age;
        h.personSeed[m] = ps;
        boolean hasNat = age >= 18 || (age >= 16 && Mix.unit(Mix.hash(ps, 1)) < 0.5)
                || (rel == Household.ENFANT && h.regime == salPrive && studentSource(h.hh) && memberNo == 1);
        h.nat[m] = hasNat ? h.regime.personBase + h.hh * Household.MAX + memberNo : -1;
        h.s1[m] = start;
        h.e1[m] = h.end;
        h.s2[m] = -1;
        if (Mix.unit(Mix.hash(ps, 2)) < SPLIT_SHARE) {
            int lo = Math.max(start + 60, SPLIT_FROM);
            int hi = Math.min(h.end == Days.OPEN ? SPLIT_TO : h.end - 60, SPLIT_TO);
            if (lo < hi) {
                long hs = Mix.hash(ps, 3);
                int t = lo + (int) ((hs >>> 33) % (hi - lo));
                int s2 = t + (int) ((hs & 0xFFFF) % 121) - 30;
                if (s2 <= h.end && s2 != start) {
                    h.e1[m] = t;
                    h.s2[m] = s2;
                    h.e2[m] = h.end;
                }
            }
        }
        h.ald[m] = -1;
        long as = Mix.hash(ps, 4);
        // the last two households of every regime hold an ALD patient, so even tiny scales have ald rows
        boolean forcedAld = memberNo == 0 && h.hh >= h.regime.households - 2 && h.hh < h.regime.households;
        if (forcedAld || Mix.unit(as) < aldProbability(age)) {
            rng.seed(Mix.hash(ps, 5));
            int code = rng.pick(aldCdf);
            int aStart = rng.chance(0.75) ? Days.of(2010, 1, 1) + rng.nextInt(4748) : INFLOW_FROM + rng.nextInt(INFLOW_TO - INFLOW_FROM);
            int decision = aStart - rng.nextInt(61);
            int aEnd = rng.chance(0.12) ? aStart + rng.between(180, 1800) : Days.OPEN;
            aStart = Math.max(aStart, h.coverFrom(m));
            aEnd = Math.min(aEnd, h.coverTo(m));
            if (aStart <= aEnd) {
                h.ald[m] = code;
                h.aldDecision[m] = decision;
                h.aldStart[m] = aStart;
                h.aldEnd[m] = aEnd;
            }
            rng.seed(Mix.hash(h.seed, 77 + memberNo));
        }
    }

    static double aldProbability(int age) {
        return 1.25 * aldBase(age);
    }

    private static double aldBase(int age) {
        if (age < 15) {
            return 0.004;
        } else if (age < 30) {
            return 0.011;
        } else if (age < 45) {
            return 0.022;
        } else if (age < 60) {
            return 0.055;
        } else if (age < 75) {
            return 0.12;
        }
        return 0.16;
    }

    /** National id text (two letters and natDigits digits), a bijection of the person number. */
    void nationalId(long person, ByteBuf out) {
        long x = Math.floorMod(person * 387_420_489L + 12_345_678L, natModulus);
        long p = natModulus / 676;
        long letters = x / p;
        out.put((byte) ('A' + letters / 26)).put((byte) ('A' + letters % 26)).padded(x % p, natDigits);
    }
}
