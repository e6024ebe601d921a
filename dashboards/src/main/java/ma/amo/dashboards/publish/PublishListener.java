package ma.amo.dashboards.publish;

/** Follows a publication: progress lines, and the moment just before the swap (the last point of no change). */
public interface PublishListener {
    PublishListener SILENT = message -> { };

    void progress(String message);

    /** Called when staging is complete and checked, before the swap; an exception here aborts the publication. */
    default void beforeSwap() {
    }
}
