package org.nodebus.eventmanager.lifecycle;

/** What {@link ModuleStates} decides under the publish lock and {@link ModuleLifecycle} does after leaving it. */
sealed interface AfterLock {

    /** Ask Declarative Services whether the bundle's components have settled, for this incarnation. */
    record Probe(long bundleId, long incarnation) implements AfterLock {
    }

    /** Apply the crash policy to a module that crashed, in that incarnation. */
    record CrashPolicy(long bundleId, String moduleId, long incarnation) implements AfterLock {
    }

    /** One line for the log. */
    record Log(Level level, String message) implements AfterLock {
    }

    /** FACT: a lifecycle fact for the operator (the lifecycle log); ERROR goes there too. */
    enum Level { DEBUG, INFO, FACT, ERROR }
}
