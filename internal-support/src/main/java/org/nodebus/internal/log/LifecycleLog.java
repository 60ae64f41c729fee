package org.nodebus.internal.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of the node's lifecycle facts, one line each (ModuleLoaded, ModuleUnloaded, ModuleCrashed,
 * NodeStartupCompleted, the shutdown): what the distribution's logging shows on the console beside
 * warnings and errors, so an operator sees a hot install take effect.
 */
public final class LifecycleLog {
    /** The logger's name, which the logging configuration routes to the console. */
    public static final String NAME = "org.nodebus.lifecycle";
    /** The logger. */
    public static final Logger FACTS = LoggerFactory.getLogger(NAME);

    private LifecycleLog() {
    }
}
