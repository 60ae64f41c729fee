package org.nodebus.launcher;

import sun.misc.Signal;

/**
 * Starts the node with the Felix launcher, after making SIGTERM and SIGINT an orderly exit: the JVM
 * exits with status 0 through its shutdown hooks, where Felix stops the framework and the janitor runs
 * the shutdown sequence (NodeShutdown, flush, modules stop, NodeShutdownCompleted) first.
 */
public final class NodeLauncher {

    private NodeLauncher() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> System.exit(0));
        }
        org.apache.felix.main.Main.main(args);
    }
}
