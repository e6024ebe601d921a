package ma.amo.generator;

/** What one chunk (one regime's block of households for one OG and year) contributes to each slot. */
final class ChunkResult {
    final ByteBuf[] bufs = new ByteBuf[Group.SLOTS];
    final long[] rows = new long[Group.SLOTS];
    /** Control totals in cents: amount_claimed/amount_due and amount_reimbursed/amount_collected. */
    final long[] total1 = new long[Group.SLOTS];
    final long[] total2 = new long[Group.SLOTS];
    /** Persons covered on the 15th of each month (State contributions are per head). */
    final long[] activeByMonth = new long[12];
    /** Reimbursed on paid lines settled in the year (first payment of each line). */
    long reimbursedPaid;
    long contributionsDue;
    long contributionsCollected;

    ByteBuf buf(int slot) {
        ByteBuf b = bufs[slot];
        if (b == null) {
            b = new ByteBuf(slot >= Group.CLAIMS ? 1 << 16 : 1 << 12);
            bufs[slot] = b;
        }
        return b;
    }
}
