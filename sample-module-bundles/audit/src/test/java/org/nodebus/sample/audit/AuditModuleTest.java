package org.nodebus.sample.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodebus.api.Event;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;

class AuditModuleTest {
    @TempDir
    Path dir;

    @Test
    void eachBlockIsOneLineAndARedeliveredOneSaysSo() throws Exception {
        AuditModule audit = new AuditModule(dir);
        audit.onEvent(new Event(5, Instant.EPOCH, "p", new NewBlock(Hash32.of(new byte[32]), 7), false, 0));
        audit.onEvent(new Event(9, Instant.EPOCH, "p", new NewBlock(Hash32.of(new byte[32]), 8), false, 0, true));
        audit.close();
        List<String> lines = Files.readAllLines(dir.resolve(AuditModule.FILE));
        assertEquals(List.of("5 7 " + "00".repeat(32), "9 8 " + "00".repeat(32) + " redelivered"), lines);
    }
}
