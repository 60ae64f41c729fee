package org.nodebus.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The assembled node, copied to a folder of its own and started with bin/nodebus from another working
 * directory, exactly as a user does; its console is read and its Gogo shell driven over stdin.
 */
final class RunningNode implements AutoCloseable {
    private final Path home;
    private final Path base;
    private final Process process;
    private final StringBuffer console = new StringBuffer();
    private final OutputStream stdin;
    /** The log's length when this node started: a node started again in the same instance appends to it. */
    private final long logStart;

    private RunningNode(Path home, Path base, Process process, long logStart) {
        this.home = home;
        this.base = base;
        this.process = process;
        this.logStart = logStart;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream out = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = out.read(buffer)) > 0) {
                    console.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                console.append("[console closed: ").append(e).append(']');
            }
        }, "node-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Copies the distribution into a fresh installation folder (replacing an earlier copy, as a rebuild does)
     * and starts it from the folder above, with its instance in {@code workDir/instance}.
     */
    static RunningNode start(Path distribution, Path workDir, String... options) throws IOException {
        Path home = install(distribution, workDir);
        String[] command = new String[options.length + 1];
        command[0] = home.resolve("bin/nodebus").toString();
        System.arraycopy(options, 0, command, 1, options.length);
        return start(home, workDir, new ProcessBuilder(command));
    }

    /**
     * Installs the distribution as {@link #start} does, then starts the node on a pseudo-terminal of 160 by
     * 50 characters, as an operator's terminal window: util-linux's {@code script} makes it.
     */
    static RunningNode startInTerminal(Path distribution, Path workDir) throws IOException {
        Path home = install(distribution, workDir);
        String node = "stty cols 160 rows 50; exec '" + home.resolve("bin/nodebus") + "'";
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-f", "-e", "-c", node, "/dev/null");
        builder.environment().put("TERM", "xterm");
        return start(home, workDir, builder);
    }

    private static RunningNode start(Path home, Path workDir, ProcessBuilder builder) throws IOException {
        builder.directory(workDir.toFile()).redirectErrorStream(true);
        Path base = workDir.resolve("instance");
        builder.environment().put("NODEBUS_BASE", base.toString());
        Path log = base.resolve("log/nodebus.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        return new RunningNode(home, base, builder.start(), logStart);
    }

    private static Path install(Path distribution, Path workDir) throws IOException {
        Path home = workDir.resolve("nodebus");
        if (Files.exists(home)) {
            try (Stream<Path> old = Files.walk(home)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(home);
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : files.toList()) {
                String relative = distribution.relativize(source).toString();
                if (leftByAnEarlierRun(relative)) {
                    continue;
                }
                Path target = home.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        home.resolve("bin/nodebus").toFile().setExecutable(true);
        return home;
    }

    /** The bundle cache, logs and module data of a node someone started in the build folder. */
    private static boolean leftByAnEarlierRun(String relative) {
        return relative.startsWith("cache") || relative.equals("nodebus.pid") || (relative.startsWith("log/") && relative.endsWith(".log"))
                || (relative.startsWith("data/") && !relative.equals("data/README.txt"));
    }

    /** The installation: bin, boot, bundle, extra, etc. */
    Path home() {
        return home;
    }

    /** The node's instance: conf, data, log, deploy, nodebus.pid. */
    Path base() {
        return base;
    }

    Process process() {
        return process;
    }

    String console() {
        return console.toString();
    }

    /**
     * What this node wrote to its log (not an earlier node of the same instance: a test that waits for
     * "NodeStartupCompleted" of a restarted node must not find the one before it).
     */
    String log() {
        try {
            Path log = base.resolve("log/nodebus.log");
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = all.length < logStart ? 0 : (int) logStart; // rolled over meanwhile: all of the new file
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Types a command into the shell and returns what the console showed after it, once it shows the expected text. */
    String command(String line, String expected) {
        int mark = console.length();
        send(line);
        await("the shell answers '" + line + "' with '" + expected + "'",
                () -> console.substring(Math.min(mark, console.length())).contains(expected),
                () -> console.substring(Math.min(mark, console.length())));
        return console.substring(mark);
    }

    /** Types keys as they are, e.g. {@code "nodebus:ev\t"} or Ctrl-C ({@code "\u0003"}), with no Enter after them. */
    void keys(String keys) {
        try {
            stdin.write(keys.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot type into the terminal: " + e, e);
        }
    }

    /** The console from a mark on, as a terminal shows it: no colours, cursor moves or backspaces. */
    String screen(int mark) {
        String raw = console.substring(Math.min(mark, console.length()));
        return raw.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]|[\b\u0007]", "");
    }

    /** Waits until the console shows the text after the mark, and returns that part of the screen. */
    String awaitScreen(int mark, String expected) {
        await("the terminal shows '" + expected + "'", () -> screen(mark).contains(expected), () -> tail(screen(mark)));
        return screen(mark);
    }

    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot type into the shell: " + e, e);
        }
    }

    void awaitLog(String text) {
        await("the log shows '" + text + "'", () -> log().contains(text), () -> tail(log()));
    }

    static void await(String what, java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s waiting until " + what + "; last seen:\n" + state.get());
            }
            LockSupport.parkNanos(50_000_000);
        }
    }

    static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** The one file in a folder of the node whose name starts with the prefix. */
    Path file(String folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve(folder))) {
            Predicate<Path> match = p -> p.getFileName().toString().startsWith(prefix);
            return files.filter(match).findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + folder));
        }
    }

    /** What a run of bin/nodebus printed and its exit status. */
    record Run(int status, String output) {
    }

    /** Runs bin/nodebus with arguments in this node's folder, as an operator in another terminal, and waits. */
    Run script(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = home.resolve("bin/nodebus").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODEBUS_BASE", base.toString());
        Process run = builder.start();
        run.getOutputStream().close();
        if (!run.waitFor(120, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new AssertionError("bin/nodebus " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(run.exitValue(), new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The node's own process: the one that holds the folder's lock and wrote nodebus.pid. */
    java.util.Optional<ProcessHandle> node() {
        try {
            String pid = Files.readString(base.resolve("nodebus.pid")).strip();
            return pid.isEmpty() ? java.util.Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        // a daemon outlives the script that started it
        node().filter(ProcessHandle::isAlive).ifPresent(daemon -> {
            daemon.destroy();
            try {
                daemon.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                daemon.destroyForcibly();
            }
        });
    }
}
