package org.nodebus.launcher;

import java.nio.file.Path;
import java.util.Optional;

import sun.misc.Signal;

/**
 * Starts the node with the Felix launcher, after taking the folder's instance lock (one node per folder)
 * and making SIGTERM and SIGINT an orderly exit: the JVM exits with status 0 through its shutdown hooks,
 * where Felix stops the framework and the janitor runs the shutdown sequence (NodeShutdown, flush,
 * modules stop, NodeShutdownCompleted) first.
 */
public final class NodeLauncher {

    /** The lock lives as long as the process; a reference keeps its channel from being collected. */
    private static final java.util.List<InstanceLock> KEEP = new java.util.ArrayList<>();

    private NodeLauncher() {
    }

    /** The one line for a folder whose nodebus.pid cannot be locked (not writable, or no file locks there). */
    static String cannotLock(Path folder, Exception e) {
        return "nodebus: cannot lock " + folder.resolve(InstanceLock.FILE) + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the node's folder must be writable and "
                + "on a file system with file locks; set NODEBUS_BASE to such a folder";
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of("").toAbsolutePath();
        Optional<InstanceLock> lock;
        try {
            lock = InstanceLock.acquire(folder);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println(cannotLock(folder, e));
            System.exit(1);
            return;
        }
        if (lock.isEmpty()) {
            System.err.println("nodebus: a node already runs in " + folder + " (pid " + InstanceLock.holder(folder)
                    + "); stop it with bin/nodebus stop, or start this one in another folder");
            System.exit(1);
        }
        // held until the process ends: the operating system lets it go then, after Felix's own shutdown hook
        // has stopped the framework, so a second node never starts on a cache still in use
        KEEP.add(lock.get());
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> System.exit(0));
        }
        org.apache.felix.main.Main.main(args);
    }
}
