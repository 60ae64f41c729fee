package org.nodebus.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled node as a user runs it: bin/nodebus started as a separate process, its Gogo shell driven
 * over stdin, its log read from log/nodebus.log.
 */
class NodeDistributionIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("nodebus.home", "target/nodebus"));
    /** The project's version, as Maven names the jars (1.1.0-SNAPSHOT) and as the bundles carry it (1.1.0.SNAPSHOT). */
    private static final String VERSION = System.getProperty("nodebus.version", "1.1.0-SNAPSHOT");
    private static final String BUNDLE_VERSION = VERSION.replace('-', '.');
    private static final List<String> DEFAULT_MODULES = List.of("org.nodebus.sample.governance",
            "org.nodebus.sample.monitor", "org.nodebus.sample.node", "org.nodebus.sample.storage");

    @TempDir
    Path workDir;

    @Test
    void anOperatorHotInstallsWatchesAndShutsDownTheNode() throws Exception {
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("NodeStartupCompleted after");

            String modules = node.command("nodebus:modules", "org.nodebus.sample.storage");
            for (String module : DEFAULT_MODULES) {
                assertTrue(modules.contains(module), modules);
            }

            // a faster simulated chain, through a .cfg dropped into deploy/
            Files.writeString(node.base().resolve("deploy/org.nodebus.sample.node.cfg"), "blocks.per.second = 40\n");
            node.awaitLog("Simulated node publishing 40.0 blocks/s");

            Path slow = node.file("extra", "org.nodebus.sample.slow");
            node.command("start file:extra/" + slow.getFileName(), "nodebus> ");
            node.awaitLog("ModuleLoaded org.nodebus.sample.slow");
            long slowDrops = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String stats = "";
            while (slowDrops == 0 && System.nanoTime() < deadline) {
                stats = node.command("nodebus:stats", "org.nodebus.sample.storage");
                slowDrops = channelFull(node.command("nodebus:stats org.nodebus.sample.slow", "org.nodebus.sample.slow"),
                        "org.nodebus.sample.slow");
            }
            assertTrue(slowDrops > 0, "the slow module never dropped an event:\n" + stats);
            stats = node.command("nodebus:stats", "org.nodebus.sample.storage");
            for (String module : DEFAULT_MODULES) {
                if (stats.contains(module)) {
                    assertEquals(0, channelFull(stats, module), module + " dropped events:\n" + stats);
                }
            }

            assertNoListeningSocket(node);

            Path failing = node.file("extra", "org.nodebus.sample.failing");
            Path deployed = Files.copy(failing, node.base().resolve("deploy").resolve(failing.getFileName()));
            node.awaitLog("ModuleLoaded org.nodebus.sample.failing " + BUNDLE_VERSION + " (bundle ");
            node.awaitLog("ModuleLoaded; modules now [org.nodebus.sample.failing");
            Files.delete(deployed);
            node.awaitLog("ModuleUnloaded org.nodebus.sample.failing " + BUNDLE_VERSION + " (bundle ");
            RunningNode.await("the console shows the hot installs", () -> node.console().contains(
                    "ModuleUnloaded org.nodebus.sample.failing " + BUNDLE_VERSION), node::console);
            assertQuietConsole(node.console());

            // help shows one usage per command, no internal overloads
            for (String command : List.of("stats", "reset", "subscribers", "publish", "modules", "events", "config",
                    "health", "maintenance", "shutdown")) {
                String help = node.command("help nodebus:" + command, "scope: nodebus");
                RunningNode.await("help of " + command + " is complete", () -> node.console().contains("nodebus> "), node::console);
                assertEquals(1, help.lines().filter(l -> l.startsWith(command + " - ")).count(), help);
                assertTrue(!help.contains("refuses"), help);
            }

            // live events: the history (--follow and Ctrl-C need a terminal: NodeConsoleIT)
            String last = node.command("nodebus:events -n 3 NewBlock", "NewBlock from org.nodebus.sample.node");
            assertTrue(last.contains("blockHash="), last);

            // a setting changed from the shell applies and is kept in the .cfg the operator edits
            String set = node.command("nodebus:config set failure.limit 7", "applied");
            assertTrue(set.contains("org.nodebus.eventmanager: failure.limit = 7 applied and kept in"), set);
            Path cfg = node.base().resolve("conf/org.nodebus.eventmanager.cfg");
            RunningNode.await("the .cfg has the change", () -> read(cfg).contains("failure.limit = 7"), () -> read(cfg));
            assertTrue(read(cfg).contains("# Events a module's queue holds"), "the file's comments stay:\n" + read(cfg));
            String refused = node.command("nodebus:config set failure.limit none", "refused");
            assertTrue(refused.contains("failure.limit=none refused: must be a whole number from 1 to 1000000; nothing changed"),
                    refused);

            node.send("nodebus:shutdown 5");
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node did not stop");
            assertEquals(0, node.process().exitValue());
            assertShutdownInOrder(node.log(), "GRACEFUL");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * The console shows lifecycle facts, warnings and errors, one line each: no stack trace (the failing
     * sample throws on every other event), no INFO line but a lifecycle fact.
     */
    private static void assertQuietConsole(String console) {
        assertTrue(console.contains("ModuleLoaded org.nodebus.sample.slow " + BUNDLE_VERSION + " (bundle "), console);
        assertTrue(console.contains("ModuleLoaded org.nodebus.sample.failing " + BUNDLE_VERSION + " (bundle "), console);
        assertTrue(console.contains("NodeStartupCompleted after"), console);
        for (String line : console.split("\\R")) {
            assertTrue(!line.startsWith("\tat ") && !line.startsWith("Caused by:"), "a stack trace on the console: " + line);
            if (line.contains(" INFO  ")) {
                assertTrue(line.matches(".*INFO  (ModuleLoaded|ModuleUnloaded|ModuleReloaded|NodeStartupCompleted|Node "
                        + "shutting down|NodeShutdownCompleted).*"), "an INFO line that is no lifecycle fact: " + line);
            }
        }
    }

    @Test
    void badFilesDroppedIntoDeployAreRefusedWithAReasonAndTheNodeGoesOn() throws Exception {
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("NodeStartupCompleted after");
            Path deploy = node.base().resolve("deploy");

            // bad values are refused one by one, naming the key and the valid range; the good one applies
            Files.writeString(deploy.resolve("org.nodebus.eventmanager.cfg"),
                    "buffer.size = lots\nfailure.limit = -3\nlistener.timeout.ms = 7000\n");
            node.awaitLog("buffer.size=lots refused: must be a whole number from 1 to 1000000; keeping 100");
            node.awaitLog("failure.limit=-3 refused: must be a whole number from 1 to 1000000; keeping 5");
            node.awaitLog("listener time limit 7000 ms");
            Files.writeString(deploy.resolve("org.nodebus.janitor.cfg"), "health.interval.seconds = often\nhealth.intervall.seconds = 5\n");
            node.awaitLog("health.interval.seconds=often refused");
            node.awaitLog("unknown key(s) [health.intervall.seconds] ignored; the keys are [shutdown.timeout.seconds,");
            String stats = node.command("nodebus:stats org.nodebus.sample.storage", "org.nodebus.sample.storage");
            assertTrue(stats.contains("/100"), "the queue size is still 100:\n" + stats);

            // files that are not bundles are reported, not silently skipped
            Path notes = Files.writeString(deploy.resolve("notes.jar"), "release notes, not a jar\n");
            node.awaitLog(notes + " not installed: it is not a readable jar");
            Path library = deploy.resolve("library.jar");
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(library), manifestWithout())) {
                jar.putNextEntry(new ZipEntry("library.txt"));
            }
            node.awaitLog(library + " not installed: its manifest has no Bundle-SymbolicName header");
            String modules = node.command("nodebus:modules", "org.nodebus.sample.storage");
            for (String module : DEFAULT_MODULES) {
                assertTrue(modules.contains(module), "the node lost " + module + ":\n" + modules);
            }

            // the same file name replaced by a real bundle is installed
            Files.copy(node.file("extra", "org.nodebus.sample.slow"), notes, StandardCopyOption.REPLACE_EXISTING);
            node.awaitLog("ModuleLoaded org.nodebus.sample.slow " + BUNDLE_VERSION + " (bundle ");
            assertTrue(node.log().contains(notes + " is a bundle now"), RunningNode.tail(node.log()));
        }
    }

    @Test
    void theSocketCheckSeesAPortThatIsOpen() throws Exception {
        assumeTrue(ListeningSockets.available(), "listening sockets are read from Linux's /proc");
        try (ServerSocket tcp = new ServerSocket(0); DatagramSocket udp = new DatagramSocket(0)) {
            List<String> open = ListeningSockets.of(ProcessHandle.current());
            assertTrue(open.stream().anyMatch(p -> p.startsWith("tcp") && p.endsWith(" port " + tcp.getLocalPort())), open.toString());
            assertTrue(open.stream().anyMatch(p -> p.startsWith("udp") && p.endsWith(" port " + udp.getLocalPort())), open.toString());
        }
    }

    private static void assertNoListeningSocket(RunningNode node) throws Exception {
        assumeTrue(ListeningSockets.available(), "listening sockets are read from Linux's /proc");
        assertEquals(List.of(), ListeningSockets.of(node.process().toHandle()), "the node opened a network port");
    }

    private static Manifest manifestWithout() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    @Test
    void aRebuildKeepsTheInstancesConfigurationAndData() throws Exception {
        Path storage = workDir.resolve("instance/data/org.nodebus.sample.storage");
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("NodeStartupCompleted after");
            RunningNode.await("the script says where the instance is", () -> node.console().contains("nodebus: instance "
                    + node.base() + " created from the defaults"), node::console);
            node.command("nodebus:config set failure.limit 9", "applied");
            Path cfg = node.base().resolve("conf/org.nodebus.eventmanager.cfg");
            RunningNode.await("the .cfg has the change", () -> read(cfg).contains("failure.limit = 9"), () -> read(cfg));
            node.send("nodebus:shutdown 5");
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node did not stop");
        }
        assertTrue(Files.isDirectory(storage), "the storage module kept no data in " + storage);
        // a new build replaces the installation; the instance stays as the operator left it
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            RunningNode.await("the node uses the instance", () -> node.console().contains("nodebus: instance "
                    + node.base() + " (conf, data, log, deploy)"), node::console);
            RunningNode.await("the node started again", () -> node.console().contains("NodeStartupCompleted after"),
                    node::console);
            String setting = node.command("nodebus:config failure.limit", "failure.limit");
            assertTrue(setting.matches("(?s).*failure\\.limit\\s+9\\s+default 5.*"), setting);
            assertTrue(Files.isDirectory(storage));
            node.send("nodebus:shutdown 5");
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node did not stop");
        }
    }

    @Test
    void aDaemonStopsInOrderOnSigterm() throws Exception {
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir, "--daemon")) {
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "bin/nodebus --daemon did not return");
            assertEquals(0, node.process().exitValue(), node.console());
            ProcessHandle daemon = node.node().orElseThrow(() -> new AssertionError("no nodebus.pid: " + node.console()));
            node.awaitLog("NodeStartupCompleted after");
            long start = System.nanoTime();
            daemon.destroy(); // SIGTERM
            daemon.onExit().get(40, TimeUnit.SECONDS);
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) <= 30, "within the shutdown timeout");
            assertShutdownInOrder(node.log(), "SIGNAL");
        }
    }

    @Test
    void aDaemonHasAStatusAndAStopAndASecondNodeInItsFolderIsRefused() throws Exception {
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir, "--daemon")) {
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "bin/nodebus --daemon did not return");
            // the console reader may still be reading what the script printed before it ended
            RunningNode.await("the script says the node started", () -> node.console().contains("nodebus: started in "
                    + node.base() + " (pid "), node::console);
            ProcessHandle daemon = node.node().orElseThrow();
            node.awaitLog("NodeStartupCompleted after");

            RunningNode.Run status = node.script("status");
            assertEquals(new RunningNode.Run(0, "nodebus: running in " + node.base() + " (pid " + daemon.pid() + ")\n"),
                    status);
            RunningNode.Run second = node.script();
            assertEquals(1, second.status(), second.output());
            assertTrue(second.output().contains("a node already runs in " + node.base() + " (pid " + daemon.pid() + ")"),
                    second.output());
            // the lock holds even for a launcher started by hand, around the script
            Process bypass = new ProcessBuilder("java", "-jar", node.home().resolve("bin/nodebus-launcher.jar").toString())
                    .directory(node.base().toFile())
                    .redirectErrorStream(true).start();
            assertTrue(bypass.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, bypass.exitValue());
            assertTrue(new String(bypass.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .contains("a node already runs in " + node.base() + " (pid " + daemon.pid() + ")"));
            RunningNode.Run unknown = node.script("--daemon", "--foo");
            assertEquals(new RunningNode.Run(2, "nodebus: unexpected argument(s) '--foo' after '--daemon'; see "
                    + "bin/nodebus --help\n"), unknown);
            assertEquals(2, node.script("--fast").status());

            RunningNode.Run stop = node.script("stop");
            assertEquals(0, stop.status(), stop.output());
            assertTrue(stop.output().endsWith("nodebus: stopped\n"), stop.output());
            assertTrue(!daemon.isAlive(), "stop returned before the node ended");
            assertShutdownInOrder(node.log(), "SIGNAL");
            assertEquals(3, node.script("status").status());
            assertEquals(new RunningNode.Run(0, "nodebus: not running in " + node.base() + "\n"), node.script("stop"));
        }
    }

    private static void assertShutdownInOrder(String log, String reason) {
        int shutdown = log.indexOf("Node shutting down (" + reason + "): publishing NodeShutdown");
        int flush = log.indexOf("publishing DataMaintenance(FLUSH, HIGH, SHUTDOWN)");
        int stored = log.indexOf("StorageModule - Node shutting down (" + reason + ")");
        int completed = log.indexOf("NodeShutdownCompleted after");
        assertTrue(shutdown >= 0 && stored > shutdown && flush > shutdown && completed > flush,
                "NodeShutdown -> flush -> NodeShutdownCompleted not in order:\n" + RunningNode.tail(log));
    }

    /** The CHANNEL-FULL column of a module's row in a nodebus:stats table. */
    private static long channelFull(String table, String module) {
        Matcher m = Pattern.compile(Pattern.quote(module) + "\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\d+)\\s+\\d+\\s+\\d+/\\d+").matcher(table);
        assertTrue(m.find(), "no row for " + module + " in:\n" + table);
        return Long.parseLong(m.group(1));
    }
}
