package org.nodebus.distribution;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sockets a process listens on, read from Linux's /proc: a process's open sockets are the
 * {@code socket:[inode]} links in /proc/PID/fd, and /proc/net/{tcp,tcp6,udp,udp6} list every socket with its
 * inode, local address and state. A TCP socket listens in state 0A; a UDP socket in state 07 is bound and
 * receives datagrams, which for this check counts as an open port too.
 */
final class ListeningSockets {
    private static final Path PROC_NET = Path.of("/proc/net");

    private ListeningSockets() {
    }

    static boolean available() {
        return Files.isReadable(PROC_NET.resolve("tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** One line per open port of the process and its descendants, e.g. {@code tcp6 port 8080}. */
    static List<String> of(ProcessHandle process) throws IOException {
        Set<String> inodes = new HashSet<>(socketInodes(process.pid()));
        for (ProcessHandle child : process.descendants().toList()) {
            inodes.addAll(socketInodes(child.pid()));
        }
        List<String> open = new ArrayList<>();
        collect("tcp", "0A", inodes, open);
        collect("tcp6", "0A", inodes, open);
        collect("udp", "07", inodes, open);
        collect("udp6", "07", inodes, open);
        return List.copyOf(open);
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between listing and reading: not open any more
                }
            }
        }
        return inodes;
    }

    private static void collect(String table, String state, Set<String> inodes, List<String> open) throws IOException {
        Path file = PROC_NET.resolve(table);
        if (!Files.isReadable(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals(state) && inodes.contains(f[9])) {
                String local = f[1];
                int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                open.add(table + " port " + port);
            }
        }
    }
}
