package ma.amo.ingestion;

import ma.amo.common.CrashPoint;
import ma.amo.common.Pseudonymizer;
import ma.amo.common.Warehouse;
import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.reference.ReferenceData;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code amo ingest}: every delivery of a landing folder ends LOADED (clean rows in bronze, broken rows in
 * quarantine), REJECTED (nothing loaded, reason recorded) or DUPLICATE. Files already ingested (same path,
 * same bytes, same manifest) are skipped, so running it twice changes nothing; a run that crashed is finished
 * by the next one (see {@link DeliveryLoader}).
 *
 * <p>Work goes in rounds. The cheap checks (manifest, checksum, encoding, duplicates, sequence conflicts) run
 * on the driver in path order; the Spark loads of a round then run concurrently, since small deliveries
 * spend most of their time in job and commit latency. A delivery whose bytes or (og, feed, period,
 * sequence) collide with an earlier one of the same run waits for the next round, so the outcome never
 * depends on timing. Each round ends with one ledger commit.
 */
public final class Ingestion {
    static final BigDecimal CONTROL_TOLERANCE = new BigDecimal("0.005");

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final ReferenceData reference;
    private final Pseudonymizer pseudonymizer;
    private final int parallelism;
    private final LandingScanner scanner = new LandingScanner();

    public Ingestion(SparkSession spark, Warehouse warehouse, ReferenceData reference, Pseudonymizer pseudonymizer) {
        this(spark, warehouse, reference, pseudonymizer, 4);
    }

    public Ingestion(SparkSession spark, Warehouse warehouse, ReferenceData reference, Pseudonymizer pseudonymizer,
                     int parallelism) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.reference = reference;
        this.pseudonymizer = pseudonymizer;
        this.parallelism = Math.max(1, parallelism);
    }

    /** A candidate with what the driver learnt of it without Spark. */
    private record Prepared(int index, LandingScanner.Candidate candidate, String name, byte[] manifestBytes,
                            String manifestSha, FileFingerprint fingerprint, String identity, Manifest manifest,
                            DeliveryRejected manifestProblem) {
        /** The manifest's optional produced_at, null when absent or unreadable. */
        String producedAt() {
            return manifest == null ? null : manifest.producedAt();
        }
    }

    /** A delivery accepted by the driver-side checks, to be loaded by Spark. */
    private record ToLoad(Prepared prepared, Manifest manifest, String deliveryId) {
    }

    public IngestReport ingest(Path landing, IngestListener listener) {
        Instant start = Instant.now();
        List<LandingScanner.Candidate> candidates = scanner.scan(landing.toAbsolutePath().normalize());
        listener.started(candidates.size());
        BronzeSetup.ensureTables(spark, warehouse);
        CrashPoint.reach("ingest.tables-ready");
        DeliveryLedger ledger = new DeliveryLedger(spark, warehouse);
        // A run that died right after its ledger commit left the load intents of deliveries the ledger now holds.
        IdempotentAppend appends = new IdempotentAppend(spark, warehouse);
        appends.forgetAllOf(ledger.entries().stream().map(LedgerEntry::deliveryId).collect(Collectors.toSet()));
        // Heal a previous run that died between loading a replacement and marking what it replaced.
        ledger.reconcileReplacements();
        DeliveryLoader loader = new DeliveryLoader(spark, warehouse, reference, pseudonymizer);
        Map<Integer, DeliveryOutcome> outcomes = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        int total = candidates.size();

        List<Prepared> pending = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            pending.add(prepare(i, candidates.get(i)));
        }
        // When two deliveries of one run collide (same bytes, or same og/feed/period/sequence), the one produced
        // first goes first; produced_at is optional, so the path breaks ties.
        pending.sort(java.util.Comparator.comparing(Prepared::producedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.<String>naturalOrder())).thenComparing(Prepared::name));
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "amo-ingest");
            t.setDaemon(true);
            return t;
        });
        try {
            while (!pending.isEmpty()) {
                List<Prepared> deferred = new ArrayList<>();
                List<ToLoad> round = new ArrayList<>();
                List<LedgerEntry> decided = new ArrayList<>();
                Set<String> shasInRound = new HashSet<>();
                Set<String> keysInRound = new HashSet<>();
                for (Prepared p : pending) {
                    Optional<LedgerEntry> seen = ledger.entries().stream()
                            .filter(e -> p.identity().equals(DeliveryIds.identity(e.sourceFile(), e.sha256(), e.manifestSha256())))
                            .findFirst();
                    if (seen.isPresent()) {
                        outcomes.put(p.index(), DeliveryOutcome.of(seen.get(), false));
                        listener.deliveryFinished(done.incrementAndGet(), total, outcomes.get(p.index()));
                        continue;
                    }
                    Timestamp now = Timestamp.from(Instant.now());
                    Manifest manifest = null;
                    try {
                        manifest = checkOnDriver(p);
                        String key = manifest.ogCode() + "|" + manifest.feed() + "|" + manifest.period() + "|" + manifest.sequence();
                        if (shasInRound.contains(p.fingerprint().sha256()) || keysInRound.contains(key)) {
                            deferred.add(p);
                            continue;
                        }
                        String id = DeliveryIds.of(manifest, p.identity());
                        Optional<LedgerEntry> sameBytes = ledger.loadedWithSha(p.fingerprint().sha256());
                        if (sameBytes.isPresent()) {
                            decided.add(entry(id, p, manifest, DeliveryStatus.DUPLICATE, "same bytes as delivery "
                                    + sameBytes.get().deliveryId() + " (" + sameBytes.get().sourceFile() + "): nothing to load",
                                    0, 0, sameBytes.get().deliveryId(), now));
                            continue;
                        }
                        Optional<LedgerEntry> sameKey = ledger.loadedWithKey(manifest.ogCode(), manifest.feed().code(),
                                manifest.period(), manifest.sequence());
                        if (sameKey.isPresent()) {
                            throw new DeliveryRejected(DeliveryCheck.SEQUENCE_CONFLICT, "sequence " + manifest.sequence()
                                    + " of " + manifest.ogCode() + "/" + manifest.feed().code() + "/" + manifest.period()
                                    + " was already loaded from " + sameKey.get().sourceFile()
                                    + " with other content: send a higher sequence to replace it");
                        }
                        shasInRound.add(p.fingerprint().sha256());
                        keysInRound.add(key);
                        round.add(new ToLoad(p, manifest, id));
                    } catch (DeliveryRejected rejected) {
                        decided.add(rejectedEntry(p, manifest, rejected, now));
                    }
                }
                for (LedgerEntry e : decided) {
                    Prepared p = pending.stream().filter(x -> x.name().equals(e.sourceFile())).findFirst().orElseThrow();
                    outcomes.put(p.index(), DeliveryOutcome.of(e, true));
                    listener.deliveryFinished(done.incrementAndGet(), total, outcomes.get(p.index()));
                }
                CrashPoint.reach("ingest.round-checked");
                List<Future<LedgerEntry>> futures = new ArrayList<>();
                for (ToLoad job : round) {
                    futures.add(pool.submit(() -> {
                        listener.deliveryStarted(job.prepared().index() + 1, total, job.prepared().name());
                        LedgerEntry e = load(loader, job);
                        DeliveryOutcome o = DeliveryOutcome.of(e, true);
                        synchronized (outcomes) {
                            outcomes.put(job.prepared().index(), o);
                        }
                        listener.deliveryFinished(done.incrementAndGet(), total, o);
                        return e;
                    }));
                }
                List<LedgerEntry> loaded = new ArrayList<>();
                for (Future<LedgerEntry> f : futures) {
                    loaded.add(await(f));
                }
                List<LedgerEntry> batch = new ArrayList<>(decided);
                batch.addAll(loaded);
                batch.sort((a, b) -> a.sourceFile().compareTo(b.sourceFile()));
                CrashPoint.reach("ingest.round-loaded");
                ledger.record(batch);
                appends.forget(batch.stream().map(LedgerEntry::deliveryId).toList());
                CrashPoint.reach("ingest.ledger-recorded");
                pending = deferred;
            }
        } finally {
            pool.shutdownNow();
        }
        ledger.reconcileReplacements();
        CrashPoint.reach("ingest.reconciled");
        List<DeliveryOutcome> ordered = new ArrayList<>();
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> ordered.add(
                ledger.byId(e.getValue().deliveryId()).map(x -> DeliveryOutcome.of(x, e.getValue().newlyRecorded()))
                        .orElse(e.getValue())));
        return new IngestReport(ordered, Duration.between(start, Instant.now()));
    }

    private Prepared prepare(int index, LandingScanner.Candidate candidate) {
        byte[] manifestBytes = read(candidate.manifestFile());
        String manifestSha = manifestBytes == null ? null : FileFingerprint.sha256(manifestBytes);
        Manifest manifest = null;
        DeliveryRejected problem = null;
        if (manifestBytes != null) {
            try {
                manifest = new ManifestParser(reference).parse(manifestBytes);
            } catch (DeliveryRejected e) {
                problem = e;
            }
        }
        // The text checks follow the declared format, not the file name: a Parquet file declared csv is binary text.
        FileFingerprint fingerprint = fingerprint(candidate.dataFile(), manifest != null && manifest.format().equals("csv"));
        String name = candidate.relativeName();
        String identity = DeliveryIds.identity(name, fingerprint == null ? null : fingerprint.sha256(), manifestSha);
        return new Prepared(index, candidate, name, manifestBytes, manifestSha, fingerprint, identity, manifest, problem);
    }

    /** The checks that need no Spark: manifest, presence of both files, checksum, text encoding. */
    private Manifest checkOnDriver(Prepared p) throws DeliveryRejected {
        if (p.candidate().manifestFile() == null) {
            throw new DeliveryRejected(DeliveryCheck.MANIFEST_MISSING, "no " + p.name()
                    + LandingScanner.MANIFEST_SUFFIX + " beside the data file");
        }
        if (p.manifestProblem() != null) {
            throw p.manifestProblem();
        }
        Manifest manifest = p.manifest();
        if (p.candidate().dataFile() == null) {
            throw new DeliveryRejected(DeliveryCheck.DATA_FILE_MISSING, "the manifest's data file " + p.name() + " is absent");
        }
        if (!manifest.sha256().equals(p.fingerprint().sha256())) {
            throw new DeliveryRejected(DeliveryCheck.SHA256_MISMATCH, "manifest sha256 " + manifest.sha256()
                    + " but the file's is " + p.fingerprint().sha256());
        }
        if (manifest.format().equals("csv") && p.fingerprint().textProblem() != null) {
            throw new DeliveryRejected(DeliveryCheck.UNREADABLE_FILE, p.fingerprint().textProblem());
        }
        return manifest;
    }

    private LedgerEntry load(DeliveryLoader loader, ToLoad job) {
        Prepared p = job.prepared();
        Timestamp now = Timestamp.from(Instant.now());
        try {
            DeliveryLoader.Loaded loaded = loader.load(p.candidate().dataFile(), p.name(), job.manifest(), job.deliveryId(), now);
            return entry(job.deliveryId(), p, job.manifest(), DeliveryStatus.LOADED, null,
                    loaded.rowsLoaded(), loaded.rowsQuarantined(), null, now);
        } catch (DeliveryRejected rejected) {
            return rejectedEntry(p, job.manifest(), rejected, now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p.name(), e);
        }
    }

    private LedgerEntry rejectedEntry(Prepared p, Manifest manifest, DeliveryRejected rejected, Timestamp now) {
        String id = manifest == null ? DeliveryIds.rejected(p.identity()) : DeliveryIds.of(manifest, p.identity());
        return entry(id, p, manifest, DeliveryStatus.REJECTED, rejected.getMessage(), 0, 0, null, now);
    }

    private LedgerEntry entry(String id, Prepared p, Manifest m, DeliveryStatus status, String reason, long loaded,
                              long quarantined, String duplicateOf, Timestamp now) {
        FileFingerprint fp = p.fingerprint();
        return new LedgerEntry(id, p.name(),
                m == null ? null : m.ogCode(), m == null ? null : m.feed().code(), m == null ? null : m.period(),
                m == null ? null : m.sequence(), m == null ? null : m.format(),
                fp == null ? null : fp.sha256(), p.manifestSha(), fp == null ? null : fp.bytes(),
                m == null ? null : m.rowCount(), status, reason, loaded, quarantined, duplicateOf, null,
                m == null ? null : m.producedAt(), pseudonymizer.fingerprint(), now);
    }

    private static LedgerEntry await(Future<LedgerEntry> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ingestion interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static byte[] read(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static FileFingerprint fingerprint(Path file, boolean text) {
        if (file == null) {
            return null;
        }
        try {
            return FileFingerprint.of(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The control totals that differ by more than the tolerance, as a message. */
    static Optional<String> controlTotalProblem(Map<String, BigDecimal> declared, Map<String, BigDecimal> actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : declared.entrySet()) {
            BigDecimal found = actual.getOrDefault(e.getKey(), BigDecimal.ZERO);
            BigDecimal diff = found.subtract(e.getValue()).abs();
            if (diff.compareTo(CONTROL_TOLERANCE) > 0) {
                problems.add(e.getKey() + ": manifest " + e.getValue().toPlainString() + ", file "
                        + found.toPlainString() + " (difference " + diff.toPlainString() + ")");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
