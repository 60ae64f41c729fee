package org.nodebus.janitor.probe;

/**
 * Space on the disk of a directory.
 *
 * @param availableBytes bytes the node may still write
 * @param totalBytes size of the disk
 */
public record DiskUsage(long availableBytes, long totalBytes) {

    /**
     * Checks the figures.
     *
     * @throws IllegalArgumentException if a figure is negative, available exceeds total, or total is 0
     */
    public DiskUsage {
        if (availableBytes < 0 || totalBytes <= 0 || availableBytes > totalBytes) {
            throw new IllegalArgumentException("disk figures must satisfy 0 <= available <= total and total > 0, but were "
                    + "available=" + availableBytes + ", total=" + totalBytes);
        }
    }

    /** @return free space in percent, 0..100 */
    public double percentFree() {
        return availableBytes * 100.0 / totalBytes;
    }
}
