package ma.amo.generator;

/**
 * One household of a regime (an insured and dependants), regenerated on demand from
 * hash(seed, regime, household): a reusable mutable struct so chunk loops allocate nothing.
 */
final class Household {
    static final int MAX = 10;
    static final int ASSURE = 0, CONJOINT = 1, ENFANT = 2, ASCENDANT = 3;

    RegimeModel regime;
    long hh;
    long seed;
    int start;
    int end;
    int region;
    boolean pensioner;
    int n;
    /** Identifier of member 0 when it is another regime's person (double registration in the same OG). */
    RegimeModel idRegime;
    long idHousehold;
    int idMember;

    final int[] memberNo = new int[MAX];
    final int[] rel = new int[MAX];
    final int[] sex = new int[MAX];
    final int[] birth = new int[MAX];
    final int[] age = new int[MAX];
    /** Person number in the national-id space, -1 = no national id. */
    final long[] nat = new long[MAX];
    /** First spell, and an optional second one in the same regime (s2 = -1 when absent). */
    final int[] s1 = new int[MAX];
    final int[] e1 = new int[MAX];
    final int[] s2 = new int[MAX];
    final int[] e2 = new int[MAX];
    /** ALD exemption: index in the ALD table (-1 none), decision, start, end (inclusive, OPEN). */
    final int[] ald = new int[MAX];
    final int[] aldDecision = new int[MAX];
    final int[] aldStart = new int[MAX];
    final int[] aldEnd = new int[MAX];
    final long[] personSeed = new long[MAX];
    Household scratch;

    /** Earliest start and latest end over the member's spells. */
    int coverFrom(int m) {
        return s2[m] < 0 ? s1[m] : Math.min(s1[m], s2[m]);
    }

    int coverTo(int m) {
        return s2[m] < 0 ? e1[m] : Math.max(e1[m], e2[m]);
    }
}
