package org.nodebus.sample.failing;

/**
 * Decides what the failing module does with its n-th event: throw an exception every {@code failEvery}
 * events, and, if {@code crashAt} is positive, throw an {@link Error} at that event.
 */
record FailurePlan(int failEvery, long crashAt) {

    enum Outcome { HANDLE, FAIL, CRASH }

    Outcome forEvent(long n) {
        if (crashAt > 0 && n == crashAt) {
            return Outcome.CRASH;
        }
        return failEvery > 0 && n % failEvery == 0 ? Outcome.FAIL : Outcome.HANDLE;
    }
}
