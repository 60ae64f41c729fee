package org.nodebus.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as an operator uses it in a terminal window (a pseudo-terminal): Tab completion, line editing,
 * Ctrl-C that stops a command and not the node, and a history that outlives the node.
 */
class NodeConsoleIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("nodebus.home", "target/nodebus"));
    private static final String TAB = "\t";
    private static final String CTRL_C = "\u0003";
    /** Ctrl-U: clears the line typed so far. */
    private static final String CLEAR_LINE = "\u0015";
    /** The Up arrow, as a terminal in keypad mode (which JLine asks for) sends it. */
    private static final String UP = "\u001BOA";

    @TempDir
    Path workDir;

    /** A node on a terminal, its prompt shown (the instance, and so the log, may be an earlier node's). */
    private RunningNode startAtThePrompt() throws Exception {
        RunningNode node = RunningNode.startInTerminal(DISTRIBUTION, workDir);
        try {
            node.awaitLog("NodeStartupCompleted after");
            node.awaitScreen(0, "nodebus> ");
            return node;
        } catch (Throwable notStarted) {
            node.close();
            throw notStarted;
        }
    }

    @Test
    void aCommandTypedAtTheFirstPromptIsFound() throws Exception {
        // twice: the second start has the bundle cache, so the shell's bundles are up sooner still
        for (int start = 1; start <= 2; start++) {
            try (RunningNode node = RunningNode.startInTerminal(DISTRIBUTION, workDir)) {
                node.awaitScreen(0, "nodebus> ");
                int mark = node.console().length();
                node.keys("nodebus:health\r");
                // the verdict line, printed whether or not the modules are loaded yet (the prompt may come first)
                String answer = node.awaitScreen(mark, "Node is ");
                assertFalse(answer.contains("CommandNotFoundException"), answer);
                node.keys("nodebus:shutdown 5\r");
                assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node did not stop");
            }
        }
    }

    @Test
    void tabCompletesCommandsEventTypesModulesBundlesAndKeys() throws Exception {
        try (RunningNode node = startAtThePrompt()) {

            int mark = node.console().length();
            node.keys("nodebus:mod" + TAB);
            node.awaitScreen(mark, "nodebus:modules");
            node.keys("\r");
            node.awaitScreen(mark, "LOADED SINCE");

            mark = node.console().length();
            node.keys("nodebus:events New" + TAB + TAB);
            String types = node.awaitScreen(mark, "NewTransaction");
            assertTrue(types.contains("NewBlock"), types);

            mark = node.console().length();
            node.keys(CLEAR_LINE + "nodebus:events -m org.nodebus.sample.st" + TAB);
            node.awaitScreen(mark, "org.nodebus.sample.storage");

            mark = node.console().length();
            node.keys(CLEAR_LINE + "nodebus:stats org.nodebus.sample." + TAB + TAB);
            String modules = node.awaitScreen(mark, "org.nodebus.sample.storage");
            assertTrue(modules.contains("org.nodebus.sample.governance") && !modules.contains("NewBlock"), modules);

            mark = node.console().length();
            node.keys(CLEAR_LINE + "nodebus:config set history." + TAB);
            node.awaitScreen(mark, "history.size");

            // bundle ids for the framework's commands: every installed bundle, the system bundle's 0 too
            Matcher storage = Pattern.compile("ModuleLoaded org\\.nodebus\\.sample\\.storage \\S+ \\(bundle (\\d+)\\)")
                    .matcher(node.log());
            assertTrue(storage.find(), node.log());
            mark = node.console().length();
            node.keys(CLEAR_LINE + "felix:headers " + TAB + TAB);
            String bundles = node.awaitScreen(mark, " " + storage.group(1));
            assertTrue(Pattern.compile("(?m)(^|\\s)0\\s").matcher(bundles).find(), bundles);

            node.keys(CLEAR_LINE + "nodebus:shutdown 5\r");
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node did not stop");
        }
    }

    @Test
    void ctrlCStopsAFollowNotTheNodeAndTheHistoryOutlivesTheNode() throws Exception {
        try (RunningNode node = startAtThePrompt()) {

            int mark = node.console().length();
            node.keys("nodebus:events -f NewBlock\r");
            node.awaitScreen(mark, "-- following NewBlock events; Ctrl-C stops --");
            // a block published after the follower started shows while the command runs
            RunningNode.await("a new block is followed", () -> node.screen(mark)
                    .split("Ctrl-C stops --", 2)[1].contains("NewBlock from org.nodebus.sample.node"),
                    () -> node.screen(mark));
            node.keys(CTRL_C);
            int stopped = node.console().length();
            node.awaitScreen(stopped, "nodebus> ");
            int atPrompt = node.console().length();
            node.keys("nodebus:heal" + CTRL_C); // at the prompt: the line is dropped, the node goes on
            node.awaitScreen(atPrompt, "nodebus> ");
            int after = node.console().length();
            node.keys("nodebus:health\r");
            node.awaitScreen(after, "QUEUED/SIZE");
            assertTrue(node.process().isAlive(), "Ctrl-C stopped the node");

            int cleared = node.console().length();
            node.keys("clear\r");
            RunningNode.await("the screen is cleared", () -> node.console().substring(cleared).contains("\u001B[2J"),
                    () -> node.screen(cleared));

            node.keys("nodebus:shutdown 5\r");
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node did not stop");
        }
        Path history = workDir.resolve("instance/data/console.history");
        String kept = Files.readString(history);
        assertTrue(kept.contains("nodebus:events -f NewBlock") && kept.contains("nodebus:shutdown 5"), kept);

        // the next node (a rebuild, even) brings the last command back with the Up arrow
        try (RunningNode node = startAtThePrompt()) {
            int mark = node.console().length();
            node.keys(UP);
            node.awaitScreen(mark, "nodebus:shutdown 5");
            node.keys("\r");
            node.awaitScreen(mark, "Shutting down: modules get NodeShutdown");
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), () -> "the recalled shutdown did not stop the node; "
                    + "the screen showed:\n" + RunningNode.tail(node.screen(mark)) + "\nthe log ends with:\n"
                    + RunningNode.tail(node.log()));
            assertEquals(0, node.process().exitValue());
        }
    }
}
