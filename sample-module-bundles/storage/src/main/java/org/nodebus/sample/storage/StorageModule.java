package org.nodebus.sample.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.NodeModule;
import org.nodebus.api.SubscribeTo;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.Operation;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores blocks in {@code <node data>/org.nodebus.sample.storage/blocks}: buffers new blocks, writes
 * them every {@value #FLUSH_EVERY} blocks and on a flush, NodeShutdown or low disk; deletes old ones on
 * cleanup (low disk: older than the event's target age, 7 days by default).
 */
@Component
@SubscribeTo({EventType.NEW_BLOCK, EventType.DATA_MAINTENANCE, EventType.NODE_SHUTDOWN, EventType.DISK_SPACE_LOW})
public final class StorageModule implements EventSubscriber {
    static final int FLUSH_EVERY = 10;
    static final int DEFAULT_AGE_DAYS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(StorageModule.class);

    private final BlockStore store;

    @Activate
    public StorageModule(BundleContext context) throws IOException {
        this(new BlockStore(dataDir(context), Clock.systemUTC()));
    }

    StorageModule(BlockStore store) {
        this.store = store;
    }

    /** Each module keeps its data in data/<moduleId> of the node's data folder. */
    static Path dataDir(BundleContext context) {
        String root = context.getProperty(NodeModule.DATA_DIR_PROPERTY);
        return Path.of(root == null ? "data" : root, context.getBundle().getSymbolicName()).toAbsolutePath();
    }

    @Override
    public void onEvent(Event event) {
        try {
            if (event.payload() instanceof NewBlock block) {
                store.append(block);
                if (store.pending() >= FLUSH_EVERY) {
                    store.flush();
                }
            } else if (event.payload() instanceof DataMaintenance maintenance) {
                if (maintenance.operation() != Operation.CLEANUP) {
                    LOG.info("Flushed {} blocks ({} {})", store.flush(), maintenance.reason(), maintenance.urgency());
                }
                if (maintenance.operation() != Operation.FLUSH) {
                    int days = maintenance.targetAgeDays().orElse(DEFAULT_AGE_DAYS);
                    LOG.info("Deleted {} block files older than {} days ({})", store.cleanup(days), days,
                            maintenance.reason());
                }
            } else if (event.payload() instanceof NodeShutdown shutdown) {
                LOG.info("Node shutting down ({}): flushed {} blocks", shutdown.reason(), store.flush());
            } else if (event.payload() instanceof DiskSpaceLow low) {
                LOG.warn("Disk low ({}% free): flushed {} blocks", Math.round(low.percentFree()), store.flush());
            }
        } catch (IOException e) {
            // the event counts as failed for the EventManager; say what went wrong here
            throw new IllegalStateException("storage could not handle " + event.type().eventName() + ": " + e, e);
        }
    }
}
