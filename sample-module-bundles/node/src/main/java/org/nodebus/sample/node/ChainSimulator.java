package org.nodebus.sample.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nodebus.api.event.BlockDisconnected;
import org.nodebus.api.event.ChainReorg;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MessageReceived;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NewTransaction;
import org.nodebus.api.event.PeerConnected;
import org.nodebus.api.event.PeerDisconnected;

/**
 * A pretend blockchain: each step is a block with its transactions, some network chatter, and now and
 * then a one-block reorganisation. Deterministic for a given seed.
 */
final class ChainSimulator {
    /** Every this many blocks the tip is replaced once (a one-block reorganisation). */
    static final int REORG_EVERY = 25;
    private static final int PROTOCOL_VERSION = 70016;

    private final Random random;
    /** changed by reshape from the configuration thread, read by the publishing thread */
    private volatile int transactionsPerBlock;
    private volatile int maxPeers;
    private final List<String> peers = new ArrayList<>();
    private long height = -1;
    private Hash32 tip;

    ChainSimulator(long seed, int transactionsPerBlock, int maxPeers) {
        this.random = new Random(seed);
        this.transactionsPerBlock = transactionsPerBlock;
        this.maxPeers = maxPeers;
    }

    /** Changes the shape of the blocks to come; the chain goes on from its height. */
    void reshape(int transactionsPerBlock, int maxPeers) {
        this.transactionsPerBlock = transactionsPerBlock;
        this.maxPeers = maxPeers;
    }

    /** The events of the next block, in the order a node would publish them. */
    List<EventPayload> nextBlock() {
        List<EventPayload> events = new ArrayList<>();
        network(events);
        for (int i = 0; i < transactionsPerBlock; i++) {
            events.add(new NewTransaction(randomHash()));
        }
        height++;
        if (height > 0 && height % REORG_EVERY == 0) {
            Hash32 stale = tip;
            events.add(new BlockDisconnected(stale, height - 1));
            Hash32 replacement = randomHash();
            events.add(new ChainReorg(stale, replacement));
            tip = replacement;
        }
        tip = randomHash();
        events.add(new NewBlock(tip, height));
        return events;
    }

    private void network(List<EventPayload> events) {
        if (peers.size() < maxPeers && random.nextInt(3) == 0) {
            String peer = "198.51.100." + (peers.size() + 10) + ":8333";
            peers.add(peer);
            events.add(new PeerConnected(peer, "tcp", 1033, PROTOCOL_VERSION));
        } else if (!peers.isEmpty() && random.nextInt(10) == 0) {
            events.add(new PeerDisconnected(peers.remove(peers.size() - 1), "peer closed the connection"));
        }
        if (!peers.isEmpty()) {
            events.add(new MessageReceived(peers.get(random.nextInt(peers.size())), "inv", 37 + random.nextInt(500),
                    PROTOCOL_VERSION));
        }
    }

    private Hash32 randomHash() {
        byte[] bytes = new byte[Hash32.LENGTH];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }

    long height() {
        return height;
    }
}
