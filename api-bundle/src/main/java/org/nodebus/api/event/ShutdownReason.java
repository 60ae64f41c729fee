package org.nodebus.api.event;

/**
 * Why the node is shutting down ({@link NodeShutdown}).
 */
public enum ShutdownReason {
    /** An orderly stop: the framework was stopped or the {@code shutdown} command was given. */
    GRACEFUL,
    /** The process received SIGTERM or SIGINT. */
    SIGNAL,
    /** A remote or API call asked for it. */
    RPC,
    /** An unrecoverable error. */
    ERROR;
}
