package ma.amo.generator;

import java.util.concurrent.Callable;

/**
 * Generates every row of one block of households of one regime, for one OG and year, into per-slot
 * buffers. Depends only on (seed, regime, households, OG, year): any thread, any order, same bytes.
 */
final class Chunk implements Callable<ChunkResult> {
    private static final byte[] REL_ASSURE = ByteBuf.bytes("ASSURE");
    private static final byte[][] REL = {REL_ASSURE, ByteBuf.bytes("CONJOINT"), ByteBuf.bytes("ENFANT"), ByteBuf.bytes("ASCENDANT")};
    private static final byte[] ACTIF = ByteBuf.bytes("ACTIF");
    private static final byte[] PENSIONNE = ByteBuf.bytes("PENSIONNE");
    private static final byte[] EMPLOYEUR = ByteBuf.bytes("EMPLOYEUR");
    private static final byte[] TNS = ByteBuf.bytes("TNS");
    private static final byte[] ASSURE = REL_ASSURE;
    private static final byte[] PUBLIC = ByteBuf.bytes("PUBLIC");
    private static final byte[] PRIVE = ByteBuf.bytes("PRIVE");
    private static final byte[] TIERS_PAYANT = ByteBuf.bytes("TIERS_PAYANT");
    private static final byte[] REMBOURSEMENT = ByteBuf.bytes("REMBOURSEMENT");
    private static final byte[] PAYE = ByteBuf.bytes("PAYE");
    private static final byte[] REJETE = ByteBuf.bytes("REJETE");
    private static final byte[] EN_COURS = ByteBuf.bytes("EN_COURS");
    private static final byte[] SEX = {'M', 'F'};
    private static final int EV_PENDING = 1, EV_SETTLE = 2, EV_CORRECT = 3, EV_RESUB = 4;
    private static final int MAX_PARTS = 4;

    private final Model model;
    private final Group g;
    private final RegimeModel r;
    private final Profile p;
    private final long from;
    private final long to;
    private final long block;

    private final Household h = new Household();
    private final Mix.Rng rng = new Mix.Rng();
    private final ChunkResult out = new ChunkResult();
    private final int y0;
    private final int y1;
    private final int firstMonth;
    private final int windowStart;
    private final int[] ogFrom;
    private final int[] ogTo;
    private final int[] partS = new int[MAX_PARTS];
    private final int[] partE = new int[MAX_PARTS];
    private int parts;
    private final byte[][] benId = new byte[Household.MAX][];
    private final ByteBuf scratch = new ByteBuf(32);
    private final byte[] claimId = new byte[18];
    // claim lines of the current claim
    private final int[] lCat = new int[5];
    private final long[] lClaimed = new long[5];
    private final long[] lBase = new long[5];
    private final long[] lReimb = new long[5];
    private final boolean[] lAld = new boolean[5];
    private final boolean[] lTiers = new boolean[5];
    private final long[] lActSeed = new long[5];
    private boolean rejected;
    // employers of this block (salaried regimes)
    private final int employers;
    private final int[] empCount;
    private final long[] empDue;

    Chunk(Model model, Group g, RegimeModel r, long block, long from, long to) {
        this.model = model;
        this.g = g;
        this.r = r;
        this.p = r.profile;
        this.block = block;
        this.from = from;
        this.to = to;
        this.y0 = Days.yearStart(g.year);
        this.y1 = Days.yearEnd(g.year);
        this.firstMonth = g.year * 12;
        this.windowStart = Days.monthStart(firstMonth - 6);
        int n = 0;
        for (String og : r.ivOg) {
            n += og.equals(g.og) ? 1 : 0;
        }
        ogFrom = new int[n];
        ogTo = new int[n];
        for (int i = 0, k = 0; i < r.ivOg.length; i++) {
            if (r.ivOg[i].equals(g.og)) {
                ogFrom[k] = r.ivFrom[i];
                ogTo[k++] = r.ivTo[i];
            }
        }
        for (int i = 0; i < Household.MAX; i++) {
            benId[i] = new byte[12];
        }
        if (p.employer()) {
            employers = (int) Math.max(1, Math.round((to - from) * (1 - p.pensionerShare()) / p.employerSize()));
            empCount = new int[12 * employers];
            empDue = new long[12 * employers];
        } else {
            employers = 0;
            empCount = null;
            empDue = null;
        }
    }

    @Override
    public ChunkResult call() {
        for (long hh = from; hh < to; hh++) {
            model.household(r, hh, h, rng);
            if (h.n == 0 || h.start > y1 || h.end < windowStart) {
                continue;
            }
            for (int m = 0; m < h.n; m++) {
                fillBenId(m);
            }
            for (int m = 0; m < h.n; m++) {
                if (h.coverFrom(m) <= y1 && h.coverTo(m) >= windowStart) {
                    person(m);
                }
            }
        }
        if (employers > 0) {
            employerRows();
        }
        return out;
    }

    private void fillBenId(int m) {
        scratch.clear();
        if (m == 0 && h.idRegime != null) {
            scratch.put(h.idRegime.prefix).padded(h.idHousehold, 9).put((byte) ('0' + h.idMember));
        } else {
            scratch.put(r.prefix).padded(h.hh, 9).put((byte) ('0' + h.memberNo[m]));
        }
        if (benId[m].length != scratch.length()) {
            benId[m] = new byte[scratch.length()];
        }
        System.arraycopy(scratch.array(), 0, benId[m], 0, scratch.length());
    }

    private void person(int m) {
        parts = 0;
        addParts(h.s1[m], h.e1[m]);
        if (h.s2[m] >= 0) {
            addParts(h.s2[m], h.e2[m]);
        }
        if (parts == 0) {
            return;
        }
        for (int k = 0; k < parts; k++) {
            if (partS[k] <= y1 && partE[k] >= y0) {
                beneficiary(m, partS[k], partE[k]);
            }
        }
        for (int mo = 0; mo < 12; mo++) {
            if (covered(Days.monthStart(firstMonth + mo) + 14)) {
                out.activeByMonth[mo]++;
            }
        }
        if (h.ald[m] >= 0) {
            ald(m);
        }
        if (m == 0 && h.rel[0] == Household.ASSURE) {
            contributions();
        }
        claims(m);
    }

    private void addParts(int s, int e) {
        for (int i = 0; i < ogFrom.length; i++) {
            int ps = Math.max(s, ogFrom[i]);
            int pe = Math.min(e, ogTo[i]);
            if (ps <= pe && parts < MAX_PARTS) {
                partS[parts] = ps;
                partE[parts++] = pe;
            }
        }
    }

    private boolean covered(int day) {
        for (int k = 0; k < parts; k++) {
            if (partS[k] <= day && day <= partE[k]) {
                return true;
            }
        }
        return false;
    }

    private boolean coveredSome(int from, int to) {
        for (int k = 0; k < parts; k++) {
            if (partS[k] <= to && partE[k] >= from) {
                return true;
            }
        }
        return false;
    }

    private ByteBuf row(int slot) {
        if (!g.active[slot]) {
            throw new IllegalStateException("row for inactive slot " + slot + " of " + g.og + " " + g.year);
        }
        out.rows[slot]++;
        return out.buf(slot).put(g.ogBytes).sep().put(r.codeBytes).sep();
    }

    // ---------------------------------------------------------------- beneficiaries and ald

    private void beneficiary(int m, int start, int end) {
        ByteBuf b = row(Group.BEN);
        b.put(benId[m]).sep().put(benId[0]).sep().put(REL[h.rel[m]]).sep();
        if (h.rel[m] == Household.ASSURE) {
            b.put(h.pensioner ? PENSIONNE : ACTIF);
        }
        b.sep();
        if (h.nat[m] >= 0) {
            model.nationalId(h.nat[m], b);
        }
        b.sep().put(SEX[h.sex[m]]).sep().date(h.birth[m]).sep().put(model.regionCodes[h.region]).sep().date(start).sep();
        if (end != Days.OPEN && end <= y1) {
            b.date(end);
        }
        b.nl();
    }

    private void ald(int m) {
        for (int i = 0; i < ogFrom.length; i++) {
            int s = Math.max(h.aldStart[m], ogFrom[i]);
            int e = Math.min(h.aldEnd[m], ogTo[i]);
            if (s > e || s > y1 || e < y0) {
                continue;
            }
            ByteBuf b = row(Group.ALD);
            b.put(benId[m]).sep().put(model.aldCodes[h.ald[m]]).sep().date(h.aldDecision[m]).sep().date(s).sep();
            if (e != Days.OPEN && e <= y1) {
                b.date(e);
            }
            b.nl();
        }
    }

    // ---------------------------------------------------------------- contributions

    private void contributions() {
        long cs = Mix.hash(h.seed, 0xC0);
        double u = Mix.unit(cs);
        switch (p.contribution()) {
            case EMPLOYER -> {
                if (h.pensioner) {
                    long pension = cents(p.contributionBase() * 0.5 * Math.exp(0.45 * gaussianOf(cs)));
                    long due = Math.round(pension * (r.publicSector ? 0.025 : 0.04));
                    individualRows(PENSIONNE, (byte) 'P', due, 1.0);
                } else {
                    long wage = cents(p.contributionBase() * Math.exp(0.55 * gaussianOf(cs)));
                    long due = Math.round(wage * p.contributionRate());
                    if (r.publicSector) {
                        due = Math.max(14_000, Math.min(due, 80_000));
                    }
                    int e = (int) Math.min(employers - 1, (long) (employers * u * u));
                    for (int mo = 0; mo < 12; mo++) {
                        if (g.active[Group.CONTRIB + mo] && covered(Days.monthStart(firstMonth + mo) + 14)) {
                            empCount[mo * employers + e]++;
                            empDue[mo * employers + e] += due;
                        }
                    }
                }
            }
            case TNS -> individualRows(TNS, (byte) 'T', cents(flat(cs)), Math.pow(u, 0.7));
            case ASSURE -> individualRows(ASSURE, (byte) 'A', cents(flat(cs)), Math.pow(u, 0.3));
            case ETAT -> {
                // paid by the State: one row per month for the whole regime, written by the generator
            }
        }
    }

    /** Flat contribution bands of self-employed and Achamil payers, as multiples of the profile's base. */
    private static final double[] BANDS = {0.4, 0.6, 0.9, 1.15, 1.7, 2.5};

    private double flat(long cs) {
        return p.contributionBase() * BANDS[(int) ((cs >>> 40) % BANDS.length)];
    }

    private static double gaussianOf(long seed) {
        double u1 = 1.0 - Mix.unit(Mix.mix(seed + 1));
        double u2 = Mix.unit(Mix.mix(seed + 2));
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long cents(double mad) {
        return Math.round(mad * 100);
    }

    /** One row per month the insured is covered: payers contributing for themselves. */
    private void individualRows(byte[] type, byte idTag, long due, double payProbability) {
        for (int mo = 0; mo < 12; mo++) {
            int mi = firstMonth + mo;
            if (!g.active[Group.CONTRIB + mo] || !covered(Days.monthStart(mi) + 14)) {
                continue;
            }
            double u = Mix.unit(Mix.hash(h.seed, 0xC1, mi));
            long collected = u < payProbability ? due : 0;
            ByteBuf b = row(Group.CONTRIB + mo);
            b.month(mi).sep().put(type).sep().put(idTag).put(benId[0]).sep().num(1).sep().cents(due).sep().cents(collected).nl();
            addContribution(Group.CONTRIB + mo, due, collected);
        }
    }

    private void addContribution(int slot, long due, long collected) {
        out.total1[slot] += due;
        out.total2[slot] += collected;
        out.contributionsDue += due;
        out.contributionsCollected += collected;
    }

    private void employerRows() {
        double fullPay = r.publicSector ? 0.99 : 0.91;
        for (int mo = 0; mo < 12; mo++) {
            int mi = firstMonth + mo;
            for (int e = 0; e < employers; e++) {
                int count = empCount[mo * employers + e];
                if (count == 0) {
                    continue;
                }
                long due = empDue[mo * employers + e];
                long es = Mix.hash(r.seed, block * 100_000 + e, mi);
                double u = Mix.unit(es);
                long collected = u < fullPay ? due : u < fullPay + 0.05 ? Math.round(due * (0.3 + 0.6 * Mix.unit(Mix.mix(es)))) : 0;
                ByteBuf b = row(Group.CONTRIB + mo);
                b.month(mi).sep().put(EMPLOYEUR).sep().put((byte) 'E').put(r.prefix).padded(block * 10_000 + e, 9).sep()
                        .num(count).sep().cents(due).sep().cents(collected).nl();
                addContribution(Group.CONTRIB + mo, due, collected);
            }
        }
    }

    // ---------------------------------------------------------------- claims

    private void claims(int m) {
        long ps = h.personSeed[m];
        double lines = Care.annualLines(h.age[m], h.sex[m]) * p.consumption();
        double lamN = lines / 12 / Care.MEAN_LINES;
        double lamA = (lines + Care.ALD_EXTRA_LINES * Math.min(1.6, Math.max(0.6, p.consumption()))) / 12 / Care.MEAN_LINES;
        boolean dialysis = h.ald[m] >= 0 && h.ald[m] == model.dialysisAld;
        for (int c = firstMonth - 6; c < firstMonth + 12; c++) {
            int ms = Days.monthStart(c);
            int me = Days.monthEnd(c);
            if (!coveredSome(ms, me)) {
                continue;
            }
            int mid = ms + 14;
            boolean inAld = h.ald[m] >= 0 && h.aldStart[m] <= mid && mid <= h.aldEnd[m];
            rng.seed(Mix.hash(ps, c));
            int n = Math.min(8, rng.poisson(inAld ? lamA : lamN));
            for (int k = 0; k < n; k++) {
                claim(m, c, k, inAld, false);
            }
            if (inAld && dialysis) {
                claim(m, c, 9, true, true);
            }
        }
    }

    private boolean inYear(int monthIndex) {
        return monthIndex >= firstMonth && monthIndex < firstMonth + 12;
    }

    private void claim(int m, int c, int k, boolean inAld, boolean dialysis) {
        long cs = Mix.hash(h.personSeed[m], c * 16L + k + 7);
        rng.seed(cs);
        int ms = Days.monthStart(c);
        int care = ms + rng.nextInt(Days.daysIn(c));
        if (!covered(care)) {
            return;
        }
        double u = rng.nextDouble();
        rejected = u < 0.05;
        boolean pending = !rejected && u < 0.15;
        boolean corrected = !rejected && rng.chance(0.011);
        boolean resub = rejected && rng.chance(0.4);
        int settle;
        if (pending) {
            int sm = c + 1 + rng.nextInt(3);
            settle = Days.monthStart(sm) + rng.nextInt(Days.daysIn(sm));
        } else {
            settle = care + 3 + rng.nextInt(40);
        }
        int settleMonth = Days.monthOf(settle);
        int resubSettle = resub ? settle + 20 + rng.nextInt(31) : 0;
        int correctionMonth = settleMonth + 1;
        boolean any = (pending && inYear(c)) || inYear(settleMonth) || (corrected && inYear(correctionMonth))
                || (resub && inYear(Days.monthOf(resubSettle)));
        if (!any) {
            return;
        }
        int nLines = dialysis ? 1 : 1 + rng.pick(Care.LINES_PER_CLAIM);
        boolean publicSector = rng.chance(dialysis ? 0.3 : p.publicShare());
        long provider = (rng.nextLong() >>> 1) % model.providers;
        lines(nLines, inAld, dialysis, publicSector);
        // claim id: regime prefix, household, member, care month YYMM, claim number in the month
        System.arraycopy(r.prefix, 0, claimId, 0, 2);
        long v = h.hh;
        for (int i = 10; i >= 2; i--) {
            claimId[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        claimId[11] = (byte) ('0' + h.memberNo[m]);
        int yy = (c / 12) % 100, mm = c % 12 + 1;
        claimId[12] = (byte) ('0' + yy / 10);
        claimId[13] = (byte) ('0' + yy % 10);
        claimId[14] = (byte) ('0' + mm / 10);
        claimId[15] = (byte) ('0' + mm % 10);
        claimId[16] = (byte) ('0' + k);
        claimId[17] = 'R';
        if (pending && inYear(c)) {
            event(EV_PENDING, c, m, care, -1, nLines, provider, publicSector, cs, 17);
        }
        if (inYear(settleMonth)) {
            event(EV_SETTLE, settleMonth, m, care, settle, nLines, provider, publicSector, cs, 17);
            if (!rejected) {
                for (int i = 0; i < nLines; i++) {
                    out.reimbursedPaid += lReimb[i];
                }
            }
        }
        if (rejected) {
            // a rejected line is paid nothing; the resubmission (new dossier number, suffix R) is paid
            if (resub && inYear(Days.monthOf(resubSettle))) {
                event(EV_RESUB, Days.monthOf(resubSettle), m, care, resubSettle, nLines, provider, publicSector, cs, 18);
                for (int i = 0; i < nLines; i++) {
                    out.reimbursedPaid += lReimb[i];
                }
            }
        } else if (corrected && inYear(correctionMonth)) {
            int day = Days.monthStart(correctionMonth) + (int) ((cs >>> 20) % 20);
            event(EV_CORRECT, correctionMonth, m, care, day, nLines, provider, publicSector, cs, 17);
        }
    }

    private void lines(int nLines, boolean inAld, boolean dialysis, boolean publicSector) {
        double bonus = p.rateBonus();
        for (int i = 0; i < nLines; i++) {
            boolean aldLine = dialysis || (inAld && rng.chance(0.85));
            int cat = dialysis ? Care.DIALYSIS : rng.pick(aldLine ? Care.MIX_ALD : Care.MIX);
            double median = Care.MEDIAN[cat];
            if (aldLine && cat == Care.MED) {
                median *= Care.ALD_DRUG_FACTOR;
            }
            if (publicSector && cat != Care.MED) {
                median *= Care.PUBLIC_PRICE;
            }
            long claimed = Math.max(1000, Math.round(median * Math.exp(Care.SIGMA[cat] * rng.gaussian()) * 10) * 10);
            double baseRatio = publicSector ? Care.BASE_PUBLIC[cat] : Care.BASE_PRIVATE[cat];
            baseRatio *= 0.9 + 0.1 * rng.nextDouble();
            long base = Math.min(claimed, Math.round(claimed * baseRatio));
            double rate = aldLine ? (rng.chance(0.5) ? 1.0 : 0.9) : Math.min(1.0, Care.RATE[cat] + bonus);
            lCat[i] = cat;
            lClaimed[i] = claimed;
            lBase[i] = base;
            lReimb[i] = Math.min(base, Math.round(base * rate));
            lAld[i] = aldLine;
            lTiers[i] = publicSector || cat == Care.HOSP || cat == Care.DIALYSIS
                    || (cat == Care.MED && (claimed > 150_000 || (aldLine && rng.chance(0.3))));
            lActSeed[i] = rng.nextLong();
        }
    }

    private void event(int kind, int month, int m, int care, int settlement, int nLines, long provider,
                       boolean publicSector, long cs, int idLength) {
        int slot = Group.CLAIMS + (month - firstMonth);
        boolean variant = g.variantMonth == month - firstMonth;
        for (int i = 0; i < nLines; i++) {
            long claimed = lClaimed[i];
            long base = lBase[i];
            long reimb = lReimb[i];
            byte[] status = PAYE;
            if (kind == EV_PENDING) {
                reimb = 0;
                status = EN_COURS;
            } else if (kind == EV_SETTLE && rejected) {
                reimb = 0;
                status = REJETE;
            } else if (kind == EV_CORRECT) {
                double f = 0.85 + 0.13 * Mix.unit(Mix.hash(cs, i, 0xC0));
                base = Math.round(base * f);
                reimb = Math.min(base, Math.round(reimb * f));
            }
            ByteBuf b = out.buf(slot);
            int startOffset = b.length();
            line(slot, i, m, care, settlement, provider, publicSector, claimed, base, reimb, status, idLength);
            if (variant) {
                double u = Mix.unit(Mix.hash(cs, i * 8L + kind, 0x5E9));
                if (u < 0.03) {
                    continue; // not yet extracted when sequence 1 was produced
                }
                ByteBuf vb = out.buf(Group.VARIANT);
                if (u < 0.04 && reimb > 0) {
                    long altered = Math.round(reimb * 0.9);
                    line(Group.VARIANT, i, m, care, settlement, provider, publicSector, claimed, base, altered, status, idLength);
                } else {
                    vb.put(b.array(), startOffset, b.length() - startOffset);
                    out.rows[Group.VARIANT]++;
                    out.total1[Group.VARIANT] += claimed;
                    out.total2[Group.VARIANT] += reimb;
                }
            }
        }
    }

    private void line(int slot, int i, int m, int care, int settlement, long provider, boolean publicSector,
                      long claimed, long base, long reimb, byte[] status, int idLength) {
        ByteBuf b = row(slot);
        b.put(claimId, 0, idLength).sep().num(i + 1).sep().put(benId[m]).sep().date(care).sep();
        if (settlement >= 0) {
            b.date(settlement);
        }
        int cat = lCat[i];
        b.sep().put(Care.CATEGORY_BYTES[cat]).sep();
        rng.seed(lActSeed[i]);
        if (rng.nextDouble() >= 0.02) {
            Care.act(cat, rng, b);
        }
        b.sep();
        if (lTiers[i] || rng.nextDouble() >= 0.01) {
            b.padded(100_000_000L + (provider * 7919L) % 800_000_000L, 9);
        }
        b.sep().put(publicSector ? PUBLIC : PRIVE).sep().put(lTiers[i] ? TIERS_PAYANT : REMBOURSEMENT).sep()
                .cents(claimed).sep().cents(base).sep().cents(reimb).sep();
        if (lAld[i]) {
            b.put(model.aldCodes[h.ald[m] >= 0 ? h.ald[m] : 0]);
        }
        b.sep().put(status).nl();
        out.total1[slot] += claimed;
        out.total2[slot] += reimb;
    }
}
