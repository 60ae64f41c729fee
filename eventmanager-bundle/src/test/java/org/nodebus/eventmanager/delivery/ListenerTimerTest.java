package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ListenerTimerTest {
    private static final long WINDOW = 1L << ListenerTimer.WINDOW_SHIFT;

    @Test
    void countsDeliveriesSumsTheTimeSpentAndKeepsTheLongestTimed() {
        ListenerTimer timer = new ListenerTimer(0);
        timer.spent(10, 1);
        timer.spent(30, 2);
        timer.spent(-5, 0); // a clock that went back counts as 0
        timer.took(30, 1);
        timer.took(12, 2);
        assertEquals(3, timer.read(3).events());
        assertEquals(40, timer.read(3).totalNanos());
        assertEquals(30, timer.read(3).recentMaxNanos());
    }

    @Test
    void theMaximumFadesAfterTwoWindows() {
        ListenerTimer timer = new ListenerTimer(0);
        timer.spent(500, 3);
        timer.took(500, 1);
        assertEquals(500, timer.read(WINDOW + 1).recentMaxNanos(), "the previous window still counts");
        timer.took(7, WINDOW + 2);
        assertEquals(500, timer.read(WINDOW + 3).recentMaxNanos(), "this window's and the previous one's");
        timer.took(3, 2 * WINDOW + 1);
        assertEquals(7, timer.read(2 * WINDOW + 2).recentMaxNanos(), "500 is two windows old");
        assertEquals(0, timer.read(5 * WINDOW).recentMaxNanos(), "nothing timed lately");
        assertEquals(3, timer.read(5 * WINDOW).events(), "the count does not fade");
    }
}
