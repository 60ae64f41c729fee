package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.nodebus.testing.Await;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** nodebus:config: both PIDs' settings from their metatype, and set, checked and applied through ConfigAdmin. */
@ExamReactorStrategy(PerMethod.class)
public class ConfigCommandIT extends NodeBusTest {

    @Override
    protected Option[] extraOptions() {
        return new Option[] {NodeBusOptions.reactorBundle("janitor")};
    }

    @Test
    public void theListShowsEverySettingWithValueDefaultRangeAndDescription() throws Exception {
        Shell shell = new Shell(commandProcessor);
        Await.until("the config command is there", () -> !shell.run("nodebus:config").startsWith("ERROR"),
                () -> shell.run("nodebus:config"));
        String list = shell.run("nodebus:config");
        assertTrue(list, list.startsWith("org.nodebus.eventmanager"));
        assertTrue(list, list.contains("\norg.nodebus.janitor"));
        assertTrue(list, list.lines().anyMatch(l -> l.matches("\\s+buffer\\.size\\s+\\(default\\)\\s+default 100\\s+a whole number from 1 to 1000000")));
        assertTrue(list, list.lines().anyMatch(l -> l.matches("\\s+maintenance\\.interval\\.seconds\\s+\\(default\\)\\s+default 86400\\s+a whole number from 1 to 31536000")));
        assertTrue(list, list.contains("Events a module's queue holds before further events for it are dropped."));
        assertTrue(list, list.lines().anyMatch(l -> l.matches("\\s+crash\\.policy\\s+.*one of: stop, leave")));
        String one = shell.run("nodebus:config history.size");
        assertEquals(one, 3, one.strip().lines().count());
    }

    @Test
    public void setChecksTheValueAgainstTheMetatypeAndAppliesIt() throws Exception {
        Shell shell = new Shell(commandProcessor);
        Await.until("the config command is there", () -> !shell.run("nodebus:config").startsWith("ERROR"));
        TestModules.subscribe(TestModules.startModule(context, "cfg.probe"), new org.nodebus.testing.Recorder(),
                org.nodebus.api.event.EventType.NEW_BLOCK);

        String applied = shell.run("nodebus:config set buffer.size 250");
        assertTrue(applied, applied.startsWith("org.nodebus.eventmanager: buffer.size = 250 applied"));
        Await.until("250 applies", () -> shell.run("nodebus:stats cfg.probe").contains("/250"), () -> shell.run("nodebus:stats cfg.probe"));
        assertEquals("250", configurationAdmin.getConfiguration("org.nodebus.eventmanager", "?").getProperties().get("buffer.size"));

        String refused = shell.run("nodebus:config set buffer.size 0");
        assertEquals("ERROR: buffer.size=0 refused: must be a whole number from 1 to 1000000; nothing changed", refused.strip());
        String unknown = shell.run("nodebus:config set bufer.size 10");
        assertTrue(unknown, unknown.startsWith("ERROR: No setting 'bufer.size'; the settings are: buffer.size, "));
        String janitor = shell.run("nodebus:config set health.interval.seconds 600");
        assertTrue(janitor, janitor.startsWith("org.nodebus.janitor: health.interval.seconds = 600 applied"));
        String list = shell.run("nodebus:config");
        assertTrue(list, list.lines().anyMatch(l -> l.matches("\\s+buffer\\.size\\s+250\\s+default 100.*")));
        assertTrue(shell.run("nodebus:stats cfg.probe").contains("/250"));
        for (String bad : new String[] {refused, unknown, shell.run("nodebus:config set"), shell.run("nodebus:config nothing.here")}) {
            assertTrue(bad, bad.startsWith("ERROR: "));
            assertEquals(bad, 1, bad.strip().lines().count());
        }
    }
}
