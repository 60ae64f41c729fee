package org.nodebus.janitor.probe;

import org.osgi.annotation.versioning.ConsumerType;

/** Measures the heap. */
@ConsumerType
public interface MemoryProbe {

    /** @return heap bytes in use now */
    long usedBytes();

    /** @return the most heap the JVM may use */
    long maxBytes();
}
