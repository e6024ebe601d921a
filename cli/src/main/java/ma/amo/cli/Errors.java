package ma.amo.cli;

/** Turns an exception into the one line a user needs, without Spark's internals. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        // Spark wraps the useful message in several layers; the innermost with a message says what went wrong.
        // An IllegalArgumentException, at any depth, is amo's own words for what the user gave: its cause is
        // for --verbose.
        String message = messageOf(t);
        while (!(t instanceof IllegalArgumentException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = messageOf(t);
            }
            if (!(t instanceof RuntimeException)) {
                break;
            }
        }
        return message;
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String first = m.lines().findFirst().orElse(m);
        return first.length() > 500 ? first.substring(0, 497) + "..." : first;
    }
}
