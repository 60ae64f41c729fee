package org.nodebus.eventmanager.delivery;

import org.slf4j.Logger;

/** Describing and logging what a module threw, in ways that cannot throw themselves. */
public final class Throwables {
    private Throwables() {
    }

    /** {@code t.toString()}, or its class name if its {@code toString()} or {@code getMessage()} throws. */
    public static String describe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (Throwable broken) {
            return t.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
        }
    }

    /**
     * Logs a warning with the throwable's stack trace; if the logging backend trips over the throwable (its
     * message or stack trace throws), logs the line without it.
     */
    static void warn(Logger log, String line, Throwable t) {
        try {
            log.warn(line, t);
        } catch (Throwable broken) {
            log.warn("{} (its stack trace could not be logged: {})", line, broken.getClass().getName());
        }
    }

    /** As {@link #warn}, at error level. */
    static void error(Logger log, String line, Throwable t) {
        try {
            log.error(line, t);
        } catch (Throwable broken) {
            log.error("{} (its stack trace could not be logged: {})", line, broken.getClass().getName());
        }
    }
}
