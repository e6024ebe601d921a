package ma.amo.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code AMO_CRASH_AT} arms; the signals themselves are sent to real processes in cli's CrashRecoveryTest. */
class CrashPointTest {
    @Test
    void armsEachPointOfTheListWithItsOccurrenceAndWhetherItStopsOrKills() {
        assertThat(CrashPoint.Armed.all("ingest.round-checked:stop, ingest.bronze-appended#3:STOP,,ingest.reconciled"))
                .containsExactly(new CrashPoint.Armed("ingest.round-checked", 1, true),
                        new CrashPoint.Armed("ingest.bronze-appended", 3, true),
                        new CrashPoint.Armed("ingest.reconciled", 1, false));
        assertThat(CrashPoint.Armed.all("build.silver-done#2")).containsExactly(new CrashPoint.Armed("build.silver-done", 2, false));
        assertThat(CrashPoint.Armed.all(null)).isEmpty();
        assertThat(CrashPoint.Armed.all(" ")).isEmpty();
    }

    @Test
    void anUnarmedPointReturnsAndAnInProcessAbortThrowsOnItsThreadOnly() {
        CrashPoint.reach("build.silver-done"); // AMO_CRASH_AT is not set in the test JVM
        CrashPoint.abortOnThisThreadAt("build.silver-done");
        CrashPoint.reach("build.started");
        assertThatThrownBy(() -> CrashPoint.reach("build.silver-done")).isInstanceOf(CrashPoint.Aborted.class)
                .hasMessage("aborted at crash point build.silver-done");
        CrashPoint.reach("build.silver-done"); // disarmed once thrown
    }
}
