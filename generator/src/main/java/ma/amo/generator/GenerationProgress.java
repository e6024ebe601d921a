package ma.amo.generator;

/** Called on the generating thread after each delivery (data file and manifest) is complete. */
@FunctionalInterface
public interface GenerationProgress {
    void fileWritten(String relativePath, long rows, long filesDone, long filesTotal);

    GenerationProgress SILENT = (p, r, d, t) -> { };
}
