package org.nodebus.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path dir;

    @Test
    void theLockWritesThePidAndIsHeld() throws Exception {
        Optional<InstanceLock> lock = InstanceLock.acquire(dir);
        assertTrue(lock.isPresent() && lock.get().held());
        assertEquals(String.valueOf(ProcessHandle.current().pid()), InstanceLock.holder(dir));
    }

    @Test
    void aFolderWhereNoLockCanBeTakenGetsOneLineSayingWhatToDo() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        IOException refused = assertThrows(IOException.class, () -> InstanceLock.acquire(notAFolder));
        String line = NodeLauncher.cannotLock(notAFolder, refused);
        assertTrue(line.startsWith("nodebus: cannot lock " + notAFolder.resolve("nodebus.pid")), line);
        assertTrue(line.endsWith("set NODEBUS_BASE to such a folder") && !line.contains("\n"), line);
    }
}
