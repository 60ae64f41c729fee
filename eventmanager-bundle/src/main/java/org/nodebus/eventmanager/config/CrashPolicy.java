package org.nodebus.eventmanager.config;

/** What happens to a module's bundle after the module crashed (an {@link Error} from its listener). */
public enum CrashPolicy {
    /** Stop the bundle; an operator starts it again with {@code start <id>}. */
    STOP,
    /** Leave the bundle running, unsubscribed; it is subscribed again when its services re-register. */
    LEAVE;
}
