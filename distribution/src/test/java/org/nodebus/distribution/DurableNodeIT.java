package org.nodebus.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable subscriptions in the assembled node: the sample audit module, whose every block is a line of its
 * trail, through a node killed with SIGKILL in the middle of a flood, and through a full disk.
 */
class DurableNodeIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("nodebus.home", "target/nodebus"));
    private static final String AUDIT = "org.nodebus.sample.audit";

    @TempDir
    Path workDir;

    /** One line of the audit trail. */
    record Line(long sequence, long height, boolean redelivered) {
    }

    private static List<Line> trail(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n'); // a line cut by the kill is no line
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            lines.add(new Line(Long.parseLong(f[0]), Long.parseLong(f[1]), f.length > 3 && f[3].equals("redelivered")));
        }
        return lines;
    }

    private void flood(RunningNode node, int blocksPerSecond) throws IOException {
        Files.writeString(node.base().resolve("deploy/org.nodebus.sample.node.cfg"),
                "blocks.per.second = " + blocksPerSecond + "\n");
        node.awaitLog("Simulated node publishing " + blocksPerSecond + ".0 blocks/s");
    }

    private void deployAudit(RunningNode node) throws IOException {
        Path jar = node.file("extra", AUDIT);
        Files.copy(jar, node.base().resolve("deploy").resolve(jar.getFileName()));
        node.awaitLog("ModuleLoaded " + AUDIT);
    }

    @Test
    void aNodeKilledInTheMiddleOfAFloodResumesTheDurableModuleWithNoGapAndAtMostOneDuplicate() throws Exception {
        Path file;
        List<Line> firstRun;
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("NodeStartupCompleted after");
            deployAudit(node);
            flood(node, 2000);
            file = node.base().resolve("data").resolve(AUDIT).resolve("blocks.log");
            RunningNode.await("5000 blocks in the audit trail", () -> size(file) >= 5000, () -> "" + size(file));
            node.process().destroyForcibly(); // SIGKILL, in the middle of the flood
            assertTrue(node.process().waitFor(30, TimeUnit.SECONDS));
            firstRun = trail(file);
        }
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("Journal ");
            node.awaitLog("subscribed durably as 'audit'");
            RunningNode.await("live blocks after the restart", () -> size(file) > firstRun.size() + 500
                    && quietly(file).stream().skip(firstRun.size()).anyMatch(l -> !l.redelivered()),
                    () -> "" + size(file));
            String durable = node.command("nodebus:durable", "audit");
            assertTrue(durable.contains("Journal ") && durable.matches("(?s).*" + Pattern.quote(AUDIT)
                    + "\\s+audit\\s+yes\\s.*"), durable);
        }
        List<Line> all = trail(file);
        List<Line> secondRun = all.subList(firstRun.size(), all.size());
        List<Line> redelivered = secondRun.stream().takeWhile(Line::redelivered).toList();
        List<Line> live = secondRun.subList(redelivered.size(), secondRun.size());
        assertTrue(live.stream().noneMatch(Line::redelivered), "redelivered blocks come first, then live ones");

        // the first run's blocks and the redelivered ones are one chain: no gap, at most one block twice
        List<Line> chain = new ArrayList<>(firstRun);
        chain.addAll(redelivered);
        int duplicates = 0;
        for (int i = 1; i < chain.size(); i++) {
            long step = chain.get(i).height() - chain.get(i - 1).height();
            if (step == 0 && chain.get(i).sequence() == chain.get(i - 1).sequence()) {
                duplicates++;
                continue;
            }
            assertEquals(1, step, "a gap or a jump at " + chain.get(i - 1) + " -> " + chain.get(i));
            assertTrue(chain.get(i).sequence() > chain.get(i - 1).sequence());
        }
        assertTrue(duplicates <= 1, duplicates + " blocks came twice");
        System.out.printf("SIGKILL: %d blocks before the kill, %d redelivered after it (%d twice), %d live%n",
                firstRun.size(), redelivered.size(), duplicates, live.size());
        // sequence numbers go on increasing across the restart
        long lastBefore = chain.get(chain.size() - 1).sequence();
        assertTrue(live.get(0).sequence() > lastBefore, live.get(0) + " after " + lastBefore);
        for (int i = 1; i < live.size(); i++) {
            assertEquals(1, live.get(i).height() - live.get(i - 1).height(), "live blocks in order");
        }
    }

    private static long size(Path file) {
        return quietly(file).size();
    }

    private static List<Line> quietly(Path file) {
        try {
            return trail(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void aFullDiskIsReportedAndTheNodeKeepsRunning() throws Exception {
        Path journal = workDir.resolve("instance/data/org.nodebus.eventmanager/journal");
        Files.createDirectories(journal);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", journal.toString())
                .redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes());
        assertEquals(0, mount.waitFor(), "this test mounts a 4 MB tmpfs as the journal's folder and needs root: " + why);
        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("NodeStartupCompleted after");
            deployAudit(node);
            flood(node, 5000);
            node.awaitLog("cannot write: ");
            String durable = node.command("nodebus:durable", "FAILING");
            assertTrue(durable.contains("FAILING"), durable);
            // the node goes on: the storage module still gets blocks, the shell answers
            long before = handled(node.command("nodebus:stats org.nodebus.sample.storage", "org.nodebus.sample.storage"));
            RunningNode.await("the storage module still gets blocks", () -> handled(node.command(
                    "nodebus:stats org.nodebus.sample.storage", "org.nodebus.sample.storage")) > before + 100, () -> "");
            Matcher lost = Pattern.compile("(\\d+) events lost").matcher(node.command("nodebus:durable", "events lost"));
            assertTrue(lost.find());
            assertTrue(Long.parseLong(lost.group(1)) > 0, "the loss is counted");
            assertFalse(node.log().contains("Exception in thread"), RunningNode.tail(node.log()));
        } finally {
            new ProcessBuilder("umount", "-l", journal.toString()).start().waitFor();
        }
    }

    private static long handled(String stats) {
        Matcher m = Pattern.compile("org\\.nodebus\\.sample\\.storage\\s+\\S+\\s+(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
