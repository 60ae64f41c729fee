package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** nodebus:events: the history of the last events, and --follow until the console interrupts it. */
@ExamReactorStrategy(PerClass.class)
public class EventHistoryIT extends NodeBusTest {

    @Test
    public void eventsShowsTheLastEventsAndFollowsNewOnesUntilInterrupted() throws Exception {
        Shell shell = new Shell(commandProcessor);
        for (int height = 1; height <= 3; height++) {
            publisher.publish(new NewBlock(org.nodebus.api.event.Hash32.of(new byte[32]), 1000 + height));
        }
        Await.until("the history has them", () -> shell.run("nodebus:events -n 2 NewBlock").contains("height=1003"));
        String last = shell.run("nodebus:events -n 2 NewBlock");
        assertEquals(last, 2, last.strip().lines().count());
        assertTrue(last, last.contains("height=1002") && last.contains("height=1003") && !last.contains("height=1001"));
        assertTrue(shell.run("nodebus:events -n 0"), shell.run("nodebus:events -n 0").startsWith("ERROR: -n 0 refused: give a count from 1 to 1000"));
        assertTrue(shell.run("nodebus:events Blocks").startsWith("ERROR: 'Blocks' is neither an event type nor a category"));

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        org.apache.felix.service.command.CommandSession session = commandProcessor.createSession(
                new java.io.ByteArrayInputStream(new byte[0]), out, out);
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Object> follow = runner.submit(() -> session.execute("nodebus:events -f -n 1 NewBlock"));
            Await.until("the follower started", () -> text(bytes).contains("-- following NewBlock events; Ctrl-C stops --"), () -> text(bytes));
            publisher.publish(new org.nodebus.api.event.PeerConnected("10.0.0.1:8333", "tcp", 1, 70016, java.util.Optional.empty()));
            publisher.publish(new NewBlock(org.nodebus.api.event.Hash32.of(new byte[32]), 2001));
            Await.until("the follower printed the new block", () -> text(bytes).contains("height=2001"), () -> text(bytes));
            assertTrue(text(bytes), !text(bytes).contains("PeerConnected"));
            // what the JLine console does on Ctrl-C: interrupt the foreground job
            org.apache.felix.service.command.Job job = session.foregroundJob();
            assertTrue("the follower is the session's foreground job", job != null);
            job.interrupt();
            try {
                follow.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException stopped) {
                // Gogo ends an interrupted job with an InterruptedException, which the console does not show
                assertTrue(String.valueOf(stopped.getCause()), stopped.getCause() instanceof InterruptedException);
            }
            int printed = text(bytes).length();
            publisher.publish(new NewBlock(org.nodebus.api.event.Hash32.of(new byte[32]), 2002));
            Await.until("the block is in the history", () -> shell.run("nodebus:events -n 1").contains("height=2002"));
            assertEquals("nothing printed after the interrupt", printed, text(bytes).length());
        } finally {
            runner.shutdownNow();
            session.close();
        }
    }

    @Test
    public void aFollowerGoesOnWhenTheHistoryIsResized() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        org.apache.felix.service.command.CommandSession session = commandProcessor.createSession(
                new java.io.ByteArrayInputStream(new byte[0]), out, out);
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        Shell shell = new Shell(commandProcessor);
        try {
            java.util.concurrent.Future<Object> follow = runner.submit(() -> session.execute("nodebus:events -f -n 1 NewBlock"));
            Await.until("the follower started", () -> text(bytes).contains("Ctrl-C stops --"), () -> text(bytes));
            configure("org.nodebus.eventmanager", "history.size", 50);
            Await.until("the history has its new size", () -> shell.run("nodebus:events -n 51").contains("from 1 to 50"));
            publisher.publish(new NewBlock(org.nodebus.api.event.Hash32.of(new byte[32]), 3001));
            Await.until("the follower printed the block after the resize", () -> text(bytes).contains("height=3001"),
                    () -> text(bytes) + (follow.isDone() ? " (the follower ended: " + outcome(follow) + ")" : ""));
        } finally {
            session.close();
            runner.shutdownNow();
            configure("org.nodebus.eventmanager", "history.size", 1000);
            Await.until("the history is back to 1000", () -> shell.run("nodebus:events -n 1000").length() > 0
                    && !shell.run("nodebus:events -n 1000").contains("refused"));
        }
    }

    private static String outcome(java.util.concurrent.Future<Object> done) {
        try {
            return String.valueOf(done.get());
        } catch (Exception e) {
            return String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Test
    public void inThePlainConsoleEnterStopsTheFollower() throws Exception {
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(keyboard);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        org.apache.felix.service.command.CommandSession session = commandProcessor.createSession(in, out, out);
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Object> follow = runner.submit(() -> session.execute("nodebus:events -f"));
            Await.until("the follower started", () -> text(bytes).contains("-- following events"), () -> text(bytes));
            keyboard.write('\n');
            keyboard.flush();
            follow.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue("it ended by itself", follow.isDone() && !follow.isCancelled());
        } finally {
            runner.shutdownNow();
            session.close();
        }
    }

    private static String text(java.io.ByteArrayOutputStream bytes) {
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

}
