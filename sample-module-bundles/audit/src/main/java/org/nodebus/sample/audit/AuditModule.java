package org.nodebus.sample.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.NodeModule;
import org.nodebus.api.SubscribeTo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NewBlock;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a line per block to {@code <data folder>/org.nodebus.sample.audit/blocks.log}: the event's
 * sequence number, the block's height and hash, and {@code redelivered} for a block it gets again from the
 * journal after a stop. Its subscription is durable, so a block published while the module was stopped or
 * the node was down is still written, in order; each line is written with one call, so a line survives the
 * process being killed.
 */
@Component
@SubscribeTo(value = EventType.NEW_BLOCK, durable = "audit")
public final class AuditModule implements EventSubscriber {
    static final String FILE = "blocks.log";
    private static final Logger LOG = LoggerFactory.getLogger(AuditModule.class);

    private final FileChannel trail;
    private final Path file;

    @Activate
    public AuditModule(BundleContext context) throws IOException {
        this(folder(context));
    }

    AuditModule(Path folder) throws IOException {
        Files.createDirectories(folder);
        this.file = folder.resolve(FILE);
        this.trail = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        LOG.info("Audit trail in {}", file);
    }

    private static Path folder(BundleContext context) {
        String data = context.getProperty(NodeModule.DATA_DIR_PROPERTY);
        return data == null ? context.getDataFile("").toPath()
                : Path.of(data, context.getBundle().getSymbolicName());
    }

    @Override
    public void onEvent(Event event) {
        if (!(event.payload() instanceof NewBlock block)) {
            return;
        }
        if (event.droppedBefore() > 0) {
            LOG.warn("Audit trail misses {} blocks before #{}: they fell off the journal", event.droppedBefore(),
                    event.sequence());
        }
        String line = event.sequence() + " " + block.height() + " " + block.blockHash().toHex()
                + (event.redelivered() ? " redelivered" : "") + "\n";
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                trail.write(bytes);
            }
        } catch (IOException e) {
            // the event counts as failed; being durable, it is not lost from the journal
            throw new UncheckedIOException("cannot write the audit trail " + file, e);
        }
    }

    @Deactivate
    void close() throws IOException {
        trail.close();
    }
}
