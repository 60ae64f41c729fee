package org.nodebus.eventmanager.shell;

import org.nodebus.api.event.EventType;

/** What modules do with an event reserved to the node, told to an operator before publishing one by hand. */
final class ReservedEffects {
    private ReservedEffects() {
    }

    static String of(EventType type) {
        return switch (type) {
            case NODE_SHUTDOWN -> "modules flush and prepare to stop although the node keeps running "
                    + "(nodebus:shutdown stops the node)";
            case NODE_STARTUP_COMPLETED -> "modules take it that the node has just started";
            case NODE_SHUTDOWN_COMPLETED -> "modules take it that the node has stopped";
            case DATA_MAINTENANCE -> "modules run that maintenance, and a cleanup deletes their old data "
                    + "(nodebus:maintenance runs it as the janitor does)";
            case MAINTENANCE_STARTED, MAINTENANCE_COMPLETED -> "modules take it that a maintenance run started or ended";
            case HEALTH_CHECK -> "modules take it as the node's health (nodebus:health runs a real check)";
            case DISK_SPACE_LOW -> "modules free disk space, e.g. storage deletes old blocks";
            case RESOURCE_LIMIT_WARNING -> "modules cut their use of that resource";
            case MODULE_LOADED, MODULE_UNLOADED, MODULE_RELOADED, MODULE_CRASHED, MODULE_HEALTH_CHANGED ->
                    "modules take it as a fact about a module's lifecycle whether or not it happened";
            default -> "modules take it as coming from the node itself";
        };
    }
}
