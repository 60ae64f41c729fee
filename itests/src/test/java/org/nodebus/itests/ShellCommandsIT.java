package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.nodebus.api.EventManager;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The nodebus:* commands as an operator types them in Gogo. */
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends NodeBusTest {
    private static final String HEX = "00".repeat(32);

    @Test
    public void anOperatorPublishesAndWatchesStatistics() throws Exception {
        Shell shell = new Shell(commandProcessor);
        Bundle module = TestModules.startModule(context, "test.watched");
        Recorder recorder = new Recorder();
        TestModules.subscribe(module, recorder, EventType.NEW_BLOCK, EventType.NODE_SHUTDOWN);

        // the EventAdmin bridge and the event history subscribe on the EventManager's own queue
        assertEquals("NewBlock: org.nodebus.eventmanager, test.watched", shell.run("nodebus:subscribers NewBlock").strip());
        String published = shell.run("nodebus:publish NewBlock blockHash=" + HEX + " height=7");
        assertTrue(published, published.matches("Published NewBlock #\\d+ to 2 module\\(s\\): queued for "
                + "(org\\.nodebus\\.eventmanager, test\\.watched|test\\.watched, org\\.nodebus\\.eventmanager)\\s*"));
        Await.until("delivered", () -> recorder.count() == 1);
        assertEquals(7, ((NewBlock) recorder.events.get(0).payload()).height());
        assertEquals("node", recorder.events.get(0).publisher());

        String refused = shell.run("publish NODE_SHUTDOWN reason=GRACEFUL timeoutSeconds=1");
        assertTrue(refused, refused.startsWith("ERROR: NodeShutdown is reserved to the node: modules flush")
                && refused.contains("add --force"));
        String reserved = shell.run("publish --force NODE_SHUTDOWN reason=GRACEFUL timeoutSeconds=1");
        assertTrue("the operator may publish reserved events: " + reserved, reserved.contains("Published NodeShutdown"));
        Await.until("delivered", () -> recorder.count() == 2);

        String stats = shell.run("nodebus:stats");
        assertTrue(stats, stats.lines().anyMatch(l -> l.matches("test\\.watched\\s+HEALTHY\\s+2\\s+0\\s+0\\s+0\\s+0/100")));
        assertTrue(shell.run("nodebus:reset test.watched").contains("reset"));
        assertEquals(0, eventManager.getDeliveryStats("test.watched").orElseThrow().successful());
    }

    @Test
    public void badInputGetsOneLineThatNamesItAndTheValidChoices() {
        Shell shell = new Shell(commandProcessor);
        String unknownType = shell.run("nodebus:subscribers Blocks");
        assertTrue(unknownType, unknownType.startsWith("ERROR: Unknown event type 'Blocks'; valid types are: NewBlock,"));
        String missing = shell.run("nodebus:publish NewBlock height=1");
        assertTrue(missing, missing.contains("NewBlock needs blockHash=<64 hex digits>"));
        String malformed = shell.run("nodebus:publish NewBlock blockHash=" + HEX + " height=high");
        assertTrue(malformed, malformed.contains("NewBlock.height must be a whole number but was 'high'"));
        String unknownModule = shell.run("nodebus:stats nobody");
        assertTrue(unknownModule, unknownModule.contains("No module 'nobody' has subscribed"));
        for (String out : new String[] {unknownType, missing, malformed, unknownModule}) {
            assertEquals(out, 1, out.strip().lines().count());
        }
    }
}
