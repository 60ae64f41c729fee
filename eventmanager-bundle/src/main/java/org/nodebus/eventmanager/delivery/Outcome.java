package org.nodebus.eventmanager.delivery;

/** What became of one event for one module. */
enum Outcome {
    PENDING, HANDLED, FAILED, DROPPED
}
