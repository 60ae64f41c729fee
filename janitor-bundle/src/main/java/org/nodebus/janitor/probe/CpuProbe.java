package org.nodebus.janitor.probe;

import org.osgi.annotation.versioning.ConsumerType;

/** Measures the node process's CPU load. */
@ConsumerType
public interface CpuProbe {

    /** @return the process's recent CPU load from 0.0 to 1.0 (all cores), or a negative number if unknown */
    double processLoad();
}
