package org.nodebus.api.event;

/**
 * The node's data disk is low on free space: clean up and compress data. Critical: never dropped for a full queue.
 *
 * @param availableBytes bytes still free
 * @param totalBytes bytes in all
 * @param percentFree free space in percent, 0..100
 * @param diskPath the watched directory
 */
public record DiskSpaceLow(long availableBytes, long totalBytes, double percentFree, String diskPath) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public DiskSpaceLow {
        Checks.notNegative("DiskSpaceLow.availableBytes", availableBytes);
        Checks.notNegative("DiskSpaceLow.totalBytes", totalBytes);
        Checks.percent("DiskSpaceLow.percentFree", percentFree);
        Checks.id("DiskSpaceLow.diskPath", diskPath);
        if (availableBytes > totalBytes) {
            throw new IllegalArgumentException("DiskSpaceLow.availableBytes must be <= totalBytes (" + totalBytes + ") but was " + availableBytes);
        }
    }

    @Override
    public EventType type() {
        return EventType.DISK_SPACE_LOW;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isCritical() {
        return true;
    }
}
