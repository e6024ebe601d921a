package ma.amo.ingestion;

import ma.amo.common.BronzeTables;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code amo ingest}: every delivery of a landing folder ends LOADED (clean rows in bronze, broken rows in
 * quarantine), REJECTED (nothing loaded, reason recorded) or DUPLICATE. Files already ingested (same path,
 * same bytes, same manifest) are skipped, so running it twice changes nothing; a run that crashed is finished
 * by the next one (see {@link DeliveryLoader}).
 */
public final class Ingestion {
    static final BigDecimal CONTROL_TOLERANCE = new BigDecimal("0.005");

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final ReferenceData reference;
    private final Pseudonymizer pseudonymizer;
    private final LandingScanner scanner = new LandingScanner();

    public Ingestion(SparkSession spark, Warehouse warehouse, ReferenceData reference, Pseudonymizer pseudonymizer) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.reference = reference;
        this.pseudonymizer = pseudonymizer;
    }

    public IngestReport ingest(Path landing, IngestListener listener) {
        Instant start = Instant.now();
        List<LandingScanner.Candidate> candidates = scanner.scan(landing.toAbsolutePath().normalize());
        listener.started(candidates.size());
        DeliveryLedger ledger = new DeliveryLedger(spark, warehouse);
        // Heal a previous run that died between loading a replacement and marking what it replaced.
        ledger.reconcileReplacements();
        DeliveryLoader loader = new DeliveryLoader(spark, warehouse, reference, pseudonymizer);
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        int index = 0;
        for (LandingScanner.Candidate candidate : candidates) {
            index++;
            listener.deliveryStarted(index, candidates.size(), candidate.relativeName());
            DeliveryOutcome outcome = ingestOne(candidate, ledger, loader);
            outcomes.add(outcome);
            listener.deliveryFinished(index, candidates.size(), outcome);
        }
        ledger.reconcileReplacements();
        List<DeliveryOutcome> finalOutcomes = outcomes.stream().map(o -> ledger.byId(o.deliveryId())
                .map(e -> DeliveryOutcome.of(e, o.newlyRecorded())).orElse(o)).toList();
        warehouse.register(spark);
        return new IngestReport(finalOutcomes, Duration.between(start, Instant.now()));
    }

    private DeliveryOutcome ingestOne(LandingScanner.Candidate candidate, DeliveryLedger ledger, DeliveryLoader loader) {
        String name = candidate.relativeName();
        Timestamp now = Timestamp.from(Instant.now());
        byte[] manifestBytes = read(candidate.manifestFile());
        String manifestSha = manifestBytes == null ? null : FileFingerprint.sha256(manifestBytes);
        FileFingerprint fingerprint = fingerprint(candidate.dataFile());
        String dataSha = fingerprint == null ? null : fingerprint.sha256();
        String identity = DeliveryIds.identity(name, dataSha, manifestSha);

        Optional<LedgerEntry> seen = ledger.entries().stream()
                .filter(e -> identity.equals(DeliveryIds.identity(e.sourceFile(), e.sha256(), e.manifestSha256())))
                .findFirst();
        if (seen.isPresent()) {
            return DeliveryOutcome.of(seen.get(), false);
        }

        Manifest manifest = null;
        LedgerEntry entry;
        try {
            if (candidate.manifestFile() == null) {
                throw new DeliveryRejected(DeliveryCheck.MANIFEST_MISSING, "no " + name
                        + LandingScanner.MANIFEST_SUFFIX + " beside the data file");
            }
            manifest = new ManifestParser(reference).parse(manifestBytes);
            if (candidate.dataFile() == null) {
                throw new DeliveryRejected(DeliveryCheck.DATA_FILE_MISSING, "the manifest's data file " + name + " is absent");
            }
            String deliveryId = DeliveryIds.of(manifest, identity);
            if (!manifest.sha256().equals(dataSha)) {
                throw new DeliveryRejected(DeliveryCheck.SHA256_MISMATCH, "manifest sha256 " + manifest.sha256()
                        + " but the file's is " + dataSha);
            }
            if (manifest.format().equals("csv") && fingerprint.textProblem() != null) {
                throw new DeliveryRejected(DeliveryCheck.UNREADABLE_FILE, fingerprint.textProblem());
            }
            Optional<LedgerEntry> sameBytes = ledger.loadedWithSha(dataSha);
            if (sameBytes.isPresent()) {
                entry = entry(deliveryId, name, manifest, fingerprint, manifestSha, DeliveryStatus.DUPLICATE,
                        "same bytes as delivery " + sameBytes.get().deliveryId() + " (" + sameBytes.get().sourceFile()
                                + "): nothing to load", 0, 0, sameBytes.get().deliveryId(), now);
            } else {
                Optional<LedgerEntry> sameKey = ledger.loadedWithKey(manifest.ogCode(), manifest.feed().code(),
                        manifest.period(), manifest.sequence());
                if (sameKey.isPresent()) {
                    throw new DeliveryRejected(DeliveryCheck.SEQUENCE_CONFLICT, "sequence " + manifest.sequence()
                            + " of " + manifest.ogCode() + "/" + manifest.feed().code() + "/" + manifest.period()
                            + " was already loaded from " + sameKey.get().sourceFile()
                            + " with other content: send a higher sequence to replace it");
                }
                DeliveryLoader.Loaded loaded = loader.load(candidate.dataFile(), name, manifest, deliveryId, now);
                entry = entry(deliveryId, name, manifest, fingerprint, manifestSha, DeliveryStatus.LOADED, null,
                        loaded.rowsLoaded(), loaded.rowsQuarantined(), null, now);
            }
        } catch (DeliveryRejected rejected) {
            String deliveryId = manifest == null ? DeliveryIds.rejected(identity) : DeliveryIds.of(manifest, identity);
            entry = entry(deliveryId, name, manifest, fingerprint, manifestSha, DeliveryStatus.REJECTED,
                    rejected.getMessage(), 0, 0, null, now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        ledger.record(entry);
        return DeliveryOutcome.of(entry, true);
    }

    private LedgerEntry entry(String id, String name, Manifest m, FileFingerprint fp, String manifestSha,
                              DeliveryStatus status, String reason, long loaded, long quarantined, String duplicateOf,
                              Timestamp now) {
        return new LedgerEntry(id, name,
                m == null ? null : m.ogCode(), m == null ? null : m.feed().code(), m == null ? null : m.period(),
                m == null ? null : m.sequence(), m == null ? null : m.format(),
                fp == null ? null : fp.sha256(), manifestSha, fp == null ? null : fp.bytes(),
                m == null ? null : m.rowCount(), status, reason, loaded, quarantined, duplicateOf, null,
                m == null ? null : m.producedAt(), pseudonymizer.fingerprint(), now);
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

    private static FileFingerprint fingerprint(Path file) {
        if (file == null) {
            return null;
        }
        try {
            boolean text = !file.getFileName().toString().toLowerCase().endsWith(".parquet");
            return FileFingerprint.of(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Keys of the control totals that differ by more than the tolerance, with a message. */
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
