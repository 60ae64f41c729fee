package org.nodebus.eventmanager.spi;

/**
 * The delivery pool's threads.
 *
 * @param base the configured {@code delivery.threads}
 * @param current threads started and not yet retired (above base while calls are compensated)
 * @param stuck listener calls running past the listener time limit now (their modules are UNRESPONSIVE)
 */
public record DeliveryThreads(int base, int current, int stuck) {
}
