package io.emailengine.alerting.domain;

/**
 * Where a notification goes: a Telegram chat (64-bit id; negative ids are groups and channels),
 * an optional forum topic, and whether it arrives silently.
 */
public record Destination(long chatId, Long threadId, boolean silent) {

    public boolean isGroupChat() {
        return chatId < 0;
    }

    public Destination withChat(long newChatId) {
        return new Destination(newChatId, threadId, silent);
    }
}
