package ma.amo.common.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The code lists of reference/ (regimes over time, managing bodies, regions, care categories, ALD list, age
 * bands, population), read at run time from a folder or from the copy shipped in the jar. Its {@link #hash()}
 * identifies the exact set used, and is recorded with every output.
 */
public final class ReferenceData {
    public static final List<String> FILES = List.of("managing_bodies.csv", "regimes.csv", "regions.csv",
            "care_categories.csv", "ald_list.csv", "age_bands.csv", "population.csv");
    private static final String BUNDLED = "/ma/amo/reference/";

    private final String source;
    private final Map<String, CsvTable> tables;
    private final String hash;
    private final List<Regime> regimes;

    private ReferenceData(String source, Map<String, String> texts) {
        this.source = source;
        this.tables = new LinkedHashMap<>();
        texts.forEach((file, text) -> tables.put(file, CsvTable.parse(file, text)));
        this.hash = hashOf(texts);
        this.regimes = tables.get("regimes.csv").rows().stream().map(r -> new Regime(
                r.get("regime_code"), r.get("og_code"), r.get("name"),
                LocalDate.parse(r.get("valid_from")),
                r.get("valid_to").isEmpty() ? null : LocalDate.parse(r.get("valid_to")),
                r.get("contribution_payer"))).toList();
        for (Regime regime : regimes) {
            if (!managingBodies().contains(regime.ogCode())) {
                throw new ReferenceDataException("regimes.csv: " + regime.regimeCode()
                        + " names unknown managing body " + regime.ogCode());
            }
        }
    }

    /** The reference data shipped with the platform (a copy of the project's reference/ folder). */
    public static ReferenceData bundled() {
        Map<String, String> texts = new TreeMap<>();
        for (String file : FILES) {
            try (InputStream in = ReferenceData.class.getResourceAsStream(BUNDLED + file)) {
                if (in == null) {
                    throw new ReferenceDataException("bundled reference file missing: " + file);
                }
                texts.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ReferenceData("bundled", texts);
    }

    public static ReferenceData load(Path dir) {
        Map<String, String> texts = new TreeMap<>();
        for (String file : FILES) {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new ReferenceDataException("reference folder " + dir + " has no " + file);
            }
            try {
                texts.put(file, Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ReferenceDataException("cannot read " + path + ": " + e.getMessage());
            }
        }
        return new ReferenceData(dir.toAbsolutePath().toString(), texts);
    }

    /** {@code load(dir)} when a folder is given, the bundled copy otherwise. */
    public static ReferenceData from(Optional<Path> dir) {
        return dir.map(ReferenceData::load).orElseGet(ReferenceData::bundled);
    }

    private static String hashOf(Map<String, String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new TreeMap<>(texts).entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(e.getValue().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the data came from: "bundled" or the folder's absolute path. */
    public String source() {
        return source;
    }

    /** SHA-256 over every reference file's name and content (line endings normalised). */
    public String hash() {
        return hash;
    }

    public CsvTable table(String file) {
        CsvTable t = tables.get(file);
        if (t == null) {
            throw new ReferenceDataException("no reference table " + file);
        }
        return t;
    }

    public Set<String> managingBodies() {
        return Set.copyOf(table("managing_bodies.csv").column("og_code"));
    }

    public List<Regime> regimes() {
        return regimes;
    }

    public Set<String> regimeCodes() {
        return Set.copyOf(regimes.stream().map(Regime::regimeCode).toList());
    }

    public Set<String> regions() {
        return Set.copyOf(table("regions.csv").column("region_code"));
    }

    public Set<String> careCategories() {
        return Set.copyOf(table("care_categories.csv").column("care_category"));
    }

    public Set<String> aldCodes() {
        return Set.copyOf(table("ald_list.csv").column("ald_code"));
    }

    /** National population of a year, when reference/population.csv has it. */
    public Optional<Long> population(int year) {
        return table("population.csv").rows().stream()
                .filter(r -> r.get("year").equals(String.valueOf(year)))
                .map(r -> Long.parseLong(r.get("population")))
                .findFirst();
    }
}
