package org.nodebus.internal.shell;

import java.util.function.Supplier;

/**
 * A shell command refused its input. The console prints an exception as its {@code toString()}; this one is
 * only its message (what was wrong and what to do), as every NodeBus command's error is one such line,
 * without a Java class name in front.
 */
public final class CommandRefused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CommandRefused(String message) {
        super(message);
    }

    /** Runs a step that refuses bad input with an {@link IllegalArgumentException}, as a command's refusal. */
    public static <T> T refusing(Supplier<T> step) {
        try {
            return step.get();
        } catch (CommandRefused refused) {
            throw refused;
        } catch (IllegalArgumentException refused) {
            throw new CommandRefused(refused.getMessage());
        }
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
