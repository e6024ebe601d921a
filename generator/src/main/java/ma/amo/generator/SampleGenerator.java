package ma.amo.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ma.amo.common.contract.Feed;
import ma.amo.common.reference.ReferenceData;

/**
 * Writes synthetic deliveries in the exact contract format (shared/contract/README.md): for every managing
 * body and year, a beneficiaries and an ald snapshot, monthly contributions and claims, and financials,
 * each a data file plus its manifest. Same options, same bytes, whatever the thread count.
 *
 * <p>Work is cut into chunks of {@value #BLOCK} households of one regime for one OG and year; workers
 * generate chunks into memory and the calling thread appends them to the files in a fixed order, hashing
 * and counting as it goes.
 */
public final class SampleGenerator {
    static final int BLOCK = 10_000;

    private final ReferenceData reference;

    public SampleGenerator(ReferenceData reference) {
        this.reference = reference;
        Care.check(reference.careCategories());
    }

    private record Task(int group, RegimeModel regime, long block, long from, long to, boolean firstOfGroup,
                        boolean lastOfGroup) {
    }

    /** Accumulated state of the group being written. */
    private static final class GroupState {
        final Group group;
        final Delivery[] sinks = new Delivery[Group.SLOTS];
        final Map<RegimeModel, long[]> active = new LinkedHashMap<>();
        final Map<RegimeModel, long[]> money = new LinkedHashMap<>(); // reimbursed, due, collected

        GroupState(Group group) {
            this.group = group;
        }
    }

    public GenerationSummary generate(GeneratorOptions options, GenerationProgress progress) throws IOException {
        long t0 = System.nanoTime();
        Model model = new Model(reference, options.seed(), options.scale());
        List<Group> groups = new ArrayList<>();
        List<String> ogs = reference.managingBodies().stream().sorted().toList();
        for (int y = options.firstYear(); y <= options.lastYear(); y++) {
            for (String og : ogs) {
                Group g = new Group(model, og, y);
                if (!g.empty()) {
                    groups.add(g);
                }
            }
        }
        List<Task> tasks = new ArrayList<>();
        long filesTotal = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            int first = tasks.size();
            for (RegimeModel r : g.regimes) {
                for (long b = 0; b * BLOCK < r.households; b++) {
                    tasks.add(new Task(gi, r, b, b * BLOCK, Math.min(r.households, (b + 1) * BLOCK), false, false));
                }
            }
            Task f = tasks.get(first);
            tasks.set(first, new Task(gi, f.regime, f.block, f.from, f.to, true, false));
            Task l = tasks.get(tasks.size() - 1);
            tasks.set(tasks.size() - 1, new Task(gi, l.regime, l.block, l.from, l.to, l.firstOfGroup, true));
            for (boolean a : g.active) {
                filesTotal += a ? 1 : 0;
            }
        }
        Anomalies anomalies = options.anomalies() ? new Anomalies(reference, model, anomalyGroup(groups)) : null;
        if (anomalies != null) {
            filesTotal += anomalies.badDeliveryCount();
        }
        Files.createDirectories(options.out());

        Counters c = new Counters(progress, filesTotal);
        int threads = options.effectiveThreads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "amo-generator");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChunkResult>> futures = new ArrayList<>(tasks.size());
            int lookahead = threads * 2 + 1;
            GroupState state = null;
            for (int i = 0; i < tasks.size(); i++) {
                while (futures.size() < tasks.size() && futures.size() < i + lookahead) {
                    Task t = tasks.get(futures.size());
                    Group g = groups.get(t.group);
                    futures.add(pool.submit(new Chunk(model, g, t.regime, t.block, t.from, t.to)));
                }
                Task t = tasks.get(i);
                if (t.firstOfGroup) {
                    state = open(options, groups.get(t.group));
                }
                ChunkResult res = get(futures.get(i));
                futures.set(i, null);
                apply(state, t.regime, res);
                if (t.lastOfGroup) {
                    finish(options, model, state, anomalies, c);
                    state = null;
                }
            }
            if (anomalies != null) {
                anomalies.writeBadDeliveries(options.out(), c);
                byte[] json = anomalies.json().getBytes(StandardCharsets.UTF_8);
                // hidden, so that ingesting the folder does not take it for a data file without manifest
                Files.write(options.out().resolve(".anomalies.json"), json);
                c.files++;
                c.bytes += json.length;
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> rowsByFeed = new LinkedHashMap<>();
        for (Feed f : Feed.values()) {
            rowsByFeed.put(f.code(), c.rowsByFeed.getOrDefault(f.code(), 0L));
        }
        return new GenerationSummary(rowsByFeed, c.files, c.bytes, Duration.ofNanos(System.nanoTime() - t0),
                c.deliveries, anomalies == null ? 0 : anomalies.rowCount(),
                anomalies == null ? 0 : anomalies.badDeliveryCount(), new TreeMap<>(c.reimbursed));
    }

    /** The group that receives the planted bad rows: CNSS (else the first OG) in the first year. */
    private static Group anomalyGroup(List<Group> groups) {
        int firstYear = groups.get(0).year;
        return groups.stream().filter(g -> g.year == firstYear && g.og.equals("CNSS")).findFirst().orElse(groups.get(0));
    }

    /** Running totals and progress reporting. */
    static final class Counters {
        final GenerationProgress progress;
        final long filesTotal;
        final Map<String, Long> rowsByFeed = new LinkedHashMap<>();
        final Map<String, Long> reimbursed = new LinkedHashMap<>();
        long files;
        long bytes;
        long deliveries;
        long done;

        Counters(GenerationProgress progress, long filesTotal) {
            this.progress = progress;
            this.filesTotal = filesTotal;
        }

        void delivered(String relativePath, long rows, long byteCount, int fileCount) {
            files += fileCount;
            bytes += byteCount;
            done++;
            progress.fileWritten(relativePath, rows, done, filesTotal);
        }
    }

    private static ChunkResult get(Future<ChunkResult> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    private static GroupState open(GeneratorOptions o, Group g) throws IOException {
        GroupState s = new GroupState(g);
        for (int slot = 0; slot < Group.SLOTS; slot++) {
            if (g.active[slot]) {
                int seq = slot == Group.VARIANT ? 1 : g.sequence(slot);
                String rel = slot == Group.VARIANT ? variantPath(g) : g.relativePath(slot);
                s.sinks[slot] = new Delivery(o.out(), rel, Group.feed(slot), g.og, g.period(slot), seq, g.producedAt(slot));
            }
        }
        return s;
    }

    private static String variantPath(Group g) {
        return g.relativePath(Group.CLAIMS + g.variantMonth).replace("_02.csv", "_01.csv");
    }

    private static void apply(GroupState s, RegimeModel r, ChunkResult res) throws IOException {
        for (int slot = 0; slot < Group.SLOTS; slot++) {
            if (res.rows[slot] > 0) {
                s.sinks[slot].append(res.bufs[slot], res.rows[slot], res.total1[slot], res.total2[slot]);
            }
        }
        long[] a = s.active.computeIfAbsent(r, k -> new long[12]);
        for (int m = 0; m < 12; m++) {
            a[m] += res.activeByMonth[m];
        }
        long[] money = s.money.computeIfAbsent(r, k -> new long[3]);
        money[0] += res.reimbursedPaid;
        money[1] += res.contributionsDue;
        money[2] += res.contributionsCollected;
    }

    private void finish(GeneratorOptions o, Model model, GroupState s, Anomalies anomalies, Counters c)
            throws IOException {
        Group g = s.group;
        stateContributions(s);
        financials(model, s);
        if (anomalies != null && anomalies.group == g) {
            anomalies.plantRows(s.sinks);
        }
        for (int slot = 0; slot < Group.SLOTS; slot++) {
            Delivery d = s.sinks[slot];
            if (d == null) {
                continue;
            }
            long bytes = d.finish();
            c.rowsByFeed.merge(d.feed.code(), d.rows(), Long::sum);
            c.deliveries++;
            c.delivered(d.relativePath, d.rows(), bytes, 2);
        }
        s.money.forEach((r, m) -> c.reimbursed.merge(r.code, m[0], Long::sum));
    }

    /** AMO-Tadamon and students: the State pays a premium per covered person, one row a month. */
    private static void stateContributions(GroupState s) throws IOException {
        Group g = s.group;
        for (RegimeModel r : g.regimes) {
            if (r.profile.contribution() != Profile.Contribution.ETAT) {
                continue;
            }
            long[] active = s.active.getOrDefault(r, new long[12]);
            long[] money = s.money.computeIfAbsent(r, k -> new long[3]);
            for (int m = 0; m < 12; m++) {
                int slot = Group.CONTRIB + m;
                if (!g.active[slot] || active[m] == 0) {
                    continue;
                }
                long due = Math.round(active[m] * r.profile.contributionBase() * 100);
                long collected = m < 9 ? due : Math.round(due * 0.96);
                s.sinks[slot].appendLine(g.og + ";" + r.code + ";" + g.period(slot) + ";ETAT;ETAT-" + r.profile.prefix()
                        + ";" + active[m] + ";" + cents(due) + ";" + cents(collected));
                money[1] += due;
                money[2] += collected;
            }
        }
    }

    private static void financials(Model model, GroupState s) throws IOException {
        Group g = s.group;
        Delivery d = s.sinks[Group.FIN];
        if (d == null) {
            return;
        }
        for (RegimeModel r : g.regimes) {
            if (!r.managedSomeDay(g.og, Days.yearStart(g.year), Days.yearEnd(g.year))) {
                continue;
            }
            long[] money = s.money.getOrDefault(r, new long[3]);
            long benefits = money[0];
            long collected = money[2];
            double u = Mix.unit(Mix.hash(model.seed, r.index, g.year));
            double financialYield = switch (r.code) {
                case "AMO_SAL_PRIVE" -> 0.045;
                case "AMO_SAL_PUBLIC" -> 0.02;
                case "AMO_TNS" -> 0.006;
                default -> 0.002;
            };
            String prefix = g.og + ";" + r.code + ";" + g.year + ";";
            d.appendLine(prefix + "FRAIS_GESTION;" + cents(Math.round(benefits * (0.05 + 0.03 * u))));
            d.appendLine(prefix + "PRODUITS_FINANCIERS;" + cents(Math.round(collected * financialYield)));
            d.appendLine(prefix + "AUTRES_PRODUITS;" + cents(Math.round(collected * 0.004)));
            d.appendLine(prefix + "AUTRES_CHARGES;" + cents(Math.round(benefits * (0.008 + 0.008 * u))));
        }
    }

    static String cents(long c) {
        return new ByteBuf(24).cents(c).text();
    }
}
