package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;
import java.time.Duration;

/** Port: Telegram's sendMessage. Implementations never put the bot token into an outcome. */
public interface TelegramGateway {

    /** Sends {@code text} in HTML parse mode, or as plain text when {@code html} is false. */
    SendOutcome send(Destination destination, String text, boolean html);

    /** What Telegram said about one message. */
    sealed interface SendOutcome {

        record Delivered(long messageId) implements SendOutcome {
        }

        /** 429: wait before writing to this chat again. */
        record RetryAfter(Duration delay, String description) implements SendOutcome {
        }

        /** 400 with migrate_to_chat_id: the group became a supergroup. */
        record ChatMigrated(long newChatId, String description) implements SendOutcome {
        }

        /** 400, 401, 403, 404: retrying the same request can't succeed. */
        record Rejected(int errorCode, String description) implements SendOutcome {
        }

        /** 5xx, I/O error, timeout, unreadable answer: retry with backoff. */
        record TransientFailure(String reason) implements SendOutcome {
        }
    }
}
