package org.nodebus.sample.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.ChainReorg;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NewTransaction;
import org.nodebus.api.event.PeerConnected;

class ChainSimulatorTest {

    @Test
    void blocksComeInOrderWithTheirTransactionsLast() {
        ChainSimulator chain = new ChainSimulator(42, 3, 8);
        for (long h = 0; h < 60; h++) {
            List<EventPayload> events = chain.nextBlock();
            EventPayload last = events.get(events.size() - 1);
            assertEquals(h, ((NewBlock) last).height());
            assertEquals(3, events.stream().filter(NewTransaction.class::isInstance).count());
        }
    }

    @Test
    void aReorganisationComesEveryTwentyFiveBlocksAndPeersConnect() {
        ChainSimulator chain = new ChainSimulator(7, 0, 4);
        long reorgs = 0;
        long peers = 0;
        for (int i = 0; i <= 50; i++) {
            for (EventPayload e : chain.nextBlock()) {
                reorgs += e instanceof ChainReorg ? 1 : 0;
                peers += e instanceof PeerConnected ? 1 : 0;
            }
        }
        assertEquals(2, reorgs);
        assertTrue(peers > 0 && peers <= 4 + 50, "peers " + peers);
    }

    @Test
    void theSameSeedGivesTheSameChain() {
        assertEquals(new ChainSimulator(1, 2, 3).nextBlock(), new ChainSimulator(1, 2, 3).nextBlock());
    }
}
