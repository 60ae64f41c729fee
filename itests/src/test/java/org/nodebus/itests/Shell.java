package org.nodebus.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs Gogo commands the way the shell does and returns what an operator would see. */
public final class Shell {
    private final CommandProcessor processor;

    public Shell(CommandProcessor processor) {
        this.processor = processor;
    }

    /** The command's result as text; a failing command returns "ERROR: " and its exception's message. */
    public String run(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            print.flush();
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        } catch (Exception e) {
            return "ERROR: " + e.getMessage();
        }
    }
}
