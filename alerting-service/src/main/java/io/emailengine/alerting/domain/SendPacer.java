package io.emailengine.alerting.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's flood limits as a schedule, not a sleep: about one message per second per chat,
 * {@code groupPerMinute} per group chat (negative chat id), {@code globalPerSecond} overall, and a
 * chat paused after a 429 until its {@code retry_after} passed. The sender asks when a chat may
 * be written to next and leaves the message queued until then. Not thread-safe: one dispatcher owns it.
 */
public final class SendPacer {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Duration perChatInterval;
    private final int groupPerMinute;
    private final int globalPerSecond;
    private final Map<Long, Instant> lastSendPerChat = new HashMap<>();
    private final Map<Long, Deque<Instant>> groupSends = new HashMap<>();
    private final Map<Long, Instant> pausedUntil = new HashMap<>();
    private final Deque<Instant> globalSends = new ArrayDeque<>();

    public SendPacer(Duration perChatInterval, int groupPerMinute, int globalPerSecond) {
        if (groupPerMinute < 1 || globalPerSecond < 1) {
            throw new IllegalArgumentException("rate limits must be at least 1");
        }
        this.perChatInterval = perChatInterval;
        this.groupPerMinute = groupPerMinute;
        this.globalPerSecond = globalPerSecond;
    }

    /** The earliest instant (never before {@code now}) at which a message to this chat may go. */
    public Instant earliestSend(long chatId, Instant now) {
        Instant earliest = now;
        earliest = later(earliest, pausedUntil.get(chatId));
        Instant last = lastSendPerChat.get(chatId);
        if (last != null) {
            earliest = later(earliest, last.plus(perChatInterval));
        }
        if (chatId < 0) {
            Deque<Instant> sends = prune(groupSends.get(chatId), now, MINUTE);
            if (sends != null && sends.size() >= groupPerMinute) {
                earliest = later(earliest, sends.peekFirst().plus(MINUTE));
            }
        }
        prune(globalSends, now, SECOND);
        if (globalSends.size() >= globalPerSecond) {
            earliest = later(earliest, globalSends.peekFirst().plus(SECOND));
        }
        return earliest;
    }

    public void recordSend(long chatId, Instant at) {
        lastSendPerChat.put(chatId, at);
        if (chatId < 0) {
            groupSends.computeIfAbsent(chatId, id -> new ArrayDeque<>()).addLast(at);
        }
        globalSends.addLast(at);
    }

    /** Telegram answered 429: nothing more to this chat until {@code until}. */
    public void pause(long chatId, Instant until) {
        pausedUntil.merge(chatId, until, SendPacer::later);
    }

    private static Deque<Instant> prune(Deque<Instant> sends, Instant now, Duration window) {
        if (sends != null) {
            Instant horizon = now.minus(window);
            while (!sends.isEmpty() && !sends.peekFirst().isAfter(horizon)) {
                sends.pollFirst();
            }
        }
        return sends;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
