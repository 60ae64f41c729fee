package org.nodebus.janitor.probe;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** Measures the disk a directory lives on. */
@ConsumerType
public interface DiskProbe {

    /**
     * @param directory the node's data directory
     * @return the space on its disk now
     * @throws IOException if it cannot be measured
     */
    DiskUsage measure(Path directory) throws IOException;
}
