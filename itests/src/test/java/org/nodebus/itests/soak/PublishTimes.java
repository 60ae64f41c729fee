package org.nodebus.itests.soak;

/**
 * How long publish calls took, in a histogram of 100-nanosecond buckets up to 10 ms (and one bucket
 * beyond), with the exact worst time. One writer thread; read after it has stopped.
 */
public final class PublishTimes {
    private static final int BUCKET_NANOS = 100;
    private final long[] buckets = new long[100_001];
    private long count;
    private long worst;

    public void record(long nanos) {
        buckets[(int) Math.min(buckets.length - 1, nanos / BUCKET_NANOS)]++;
        count++;
        worst = Math.max(worst, nanos);
    }

    public long count() {
        return count;
    }

    public long worstNanos() {
        return worst;
    }

    /** The upper bound of the bucket holding the given quantile (e.g. 0.999), in nanoseconds. */
    public long quantileNanos(double quantile) {
        long rank = (long) Math.ceil(quantile * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return i == buckets.length - 1 ? worst : (long) (i + 1) * BUCKET_NANOS;
            }
        }
        return worst;
    }
}
