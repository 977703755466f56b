package io.emailengine.simulator.pmta;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The content of simulated accounting records: provider-dependent MX hosts, SMTP answers and bounce categories,
 * with the provider signals of the PowerMTA reference for incidents. Normal traffic never carries a signal, so the
 * engine only reacts to scripted incidents and injected signals.
 */
final class RecordFactory {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    static final String SOURCE_MTA = "mailwizz.sandbox (127.0.0.1)";
    private static final String ESMTP = "PIPELINING,SIZE,8BITMIME,ENHANCEDSTATUSCODES,SMTPUTF8";

    /** Where one message goes: the virtual MTA's identity and the queue it is in. */
    record Route(String vmta, String ip, String pool, String sendingDomain, String provider, String queueDomain) {

        String queue() {
            return queueDomain + "/" + vmta;
        }
    }

    private final String hostName;
    private final AtomicLong sequence = new AtomicLong();

    RecordFactory(String hostName) {
        this.hostName = hostName;
    }

    /**
     * {@code <20261120075958.17.cmp-tenant-a-20261120.pmta-1~user123=gmail.com@mail1.example.com>}: the recipient rides
     * in the local part ({@code ~local=domain}), the convention the MailWizz simulator reads to find the subscriber a
     * bounce or complaint is about (a real MailWizz knows it from its own delivery log).
     */
    String messageId(Instant queued, String jobId, String sendingDomain, String rcpt) {
        int at = rcpt.lastIndexOf('@');
        String recipient = at > 0 ? "~" + rcpt.substring(0, at) + "=" + rcpt.substring(at + 1) : "";
        return "<" + ID_TIME.format(queued) + "." + sequence.incrementAndGet() + "." + jobId + "." + hostName + recipient
                + "@" + sendingDomain + ">";
    }

    static String jobId(Route route, Instant time) {
        return "cmp-" + (route.pool().isEmpty() ? route.vmta() : route.pool()) + "-" + ID_TIME.format(time).substring(0, 8);
    }

    private Map<String, String> base(Route route, String rcpt, Instant time, Instant queued, String messageId) {
        Map<String, String> f = new HashMap<>(40);
        f.put("timeLogged", TIME.format(time));
        f.put("timeQueued", TIME.format(queued));
        f.put("orig", "bounces@" + route.sendingDomain());
        f.put("rcpt", rcpt);
        f.put("srcType", "smtp");
        f.put("srcMta", SOURCE_MTA);
        f.put("dlvType", "smtp");
        f.put("dlvSourceIp", route.ip());
        f.put("vmta", route.vmta());
        f.put("jobId", jobId(route, queued));
        f.put("queue", route.queue());
        f.put("vmtaPool", route.pool());
        f.put(AccountingWriter.MESSAGE_ID, messageId);
        String domain = rcpt.substring(rcpt.indexOf('@') + 1);
        f.put("dsnMta", mx(route.provider(), domain) + " (" + mxIp(route.provider()) + ")");
        f.put("dlvDestinationIp", mxIp(route.provider()));
        return f;
    }

    /** A normal outcome of a send attempt. */
    AccountingWriter.Line outcome(Outcome outcome, Route route, String rcpt, Instant time, Instant queued, SplittableRandom random) {
        String messageId = messageId(queued, jobId(route, queued), route.sendingDomain(), rcpt);
        Map<String, String> f = base(route, rcpt, time, queued, messageId);
        String p = route.provider();
        switch (outcome) {
            case DELIVERED -> {
                f.put("dsnAction", "relayed");
                f.put("dsnStatus", "2.0.0 (success)");
                f.put("dsnDiag", switch (p) {
                    case "gmail" -> "smtp;250 2.0.0 OK  " + time.getEpochSecond() + " " + token(random) + " - gsmtp";
                    case "microsoft" -> "smtp;250 2.6.0 " + messageId + " [InternalId=" + random.nextInt(1, 1_000_000)
                            + "] Queued mail for delivery";
                    case "yahoo" -> "smtp;250 ok dirdel";
                    default -> "smtp;250 2.0.0 Ok: queued as " + token(random).toUpperCase(java.util.Locale.ROOT);
                });
                f.put("dlvEsmtpAvailable", ESMTP);
                f.put("dlvSize", Integer.toString(random.nextInt(9_000, 40_000)));
                return new AccountingWriter.Line(time, "d", f);
            }
            case HARD_BOUNCE -> {
                hardBounce(f, p, rcpt);
                return new AccountingWriter.Line(time, "b", f);
            }
            case SOFT_BOUNCE -> {
                f.put("dsnAction", "failed");
                f.put("dsnStatus", "5.2.2 (mailbox full)");
                f.put("dsnDiag", p.equals("gmail")
                        ? "smtp;552-5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm - gsmtp"
                        : "smtp;552 5.2.2 Mailbox full, quota exceeded");
                f.put("bounceCat", "quota-issues");
                f.put("dlvEsmtpAvailable", ESMTP);
                return new AccountingWriter.Line(time, "b", f);
            }
            default -> {
                f.put("dsnAction", "delayed");
                switch (p) {
                    case "gmail" -> {
                        f.put("dsnStatus", "4.3.0 (other or undefined mail system status)");
                        f.put("dsnDiag", "smtp;421-4.3.0 Temporary System Problem.  Try again later. - gsmtp");
                    }
                    case "microsoft" -> {
                        f.put("dsnStatus", "4.4.4 (other or undefined network or routing status)");
                        f.put("dsnDiag", "smtp;451 4.4.4 Temporary server error. Please try again later. ATTR2");
                    }
                    case "yahoo" -> {
                        f.put("dsnStatus", "4.0.0 (undefined status)");
                        f.put("dsnDiag", "smtp;451 Message temporarily deferred - [170]");
                    }
                    default -> {
                        f.put("dsnStatus", "4.2.0 (other or undefined mailbox status)");
                        f.put("dsnDiag", "smtp;450 4.2.0 <" + rcpt + ">: Recipient address rejected: Greylisted, try again later");
                    }
                }
                f.put("bounceCat", "other");
                return new AccountingWriter.Line(time, "t", f);
            }
        }
    }

    private static void hardBounce(Map<String, String> f, String provider, String rcpt) {
        f.put("dsnAction", "failed");
        f.put("dsnStatus", "5.1.1 (bad destination mailbox address)");
        f.put("dsnDiag", switch (provider) {
            case "gmail" -> "smtp;550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser - gsmtp";
            case "microsoft" -> "smtp;550 5.5.0 Requested action not taken: mailbox unavailable.";
            case "yahoo" -> "smtp;554 delivery error: dd Sorry your message to " + rcpt + " cannot be delivered. This mailbox is disabled (554.30).";
            default -> "smtp;550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown in virtual mailbox table";
        });
        f.put("bounceCat", "bad-mailbox");
    }

    /** A feedback-loop complaint about a delivered message (Microsoft's JMRP leaves rcpt empty). */
    AccountingWriter.Line complaint(Route route, String rcpt, Instant time, String messageId) {
        Map<String, String> f = new HashMap<>(20);
        boolean jmrp = route.provider().equals("microsoft");
        f.put("timeLogged", TIME.format(time));
        f.put("repSourceIp", switch (route.provider()) {
            case "yahoo" -> "98.136.96.75";
            case "microsoft" -> "40.92.0.1";
            case "gmail" -> "209.85.220.41";
            default -> "192.0.2.99";
        });
        f.put("feedbackType", "abuse");
        f.put("format", jmrp ? "jmrp" : "arf");
        f.put("userAgent", switch (route.provider()) {
            case "yahoo" -> "Yahoo!-Mail-Feedback/2.0";
            case "microsoft" -> "Microsoft JMRP";
            default -> "SimulatedFeedbackLoop/1.0";
        });
        f.put("orig", "bounces@" + route.sendingDomain());
        f.put("rcpt", jmrp ? "" : rcpt);
        f.put("reportingMta", switch (route.provider()) {
            case "yahoo" -> "feedback.yahoo.com";
            case "microsoft" -> "jmrp.microsoft.example";
            case "gmail" -> "feedback.google.example";
            default -> "fbl.example.org";
        });
        f.put("dlvSourceIp", route.ip());
        f.put("reportedDomain", route.sendingDomain());
        f.put(AccountingWriter.MESSAGE_ID, messageId);
        return new AccountingWriter.Line(time, "f", f);
    }

    /** A record carrying the signal of an incident kind (one recipient). */
    AccountingWriter.Line signal(Incident.Kind kind, Route route, String rcpt, Instant time) {
        Instant queued = time.minusSeconds(5);
        String messageId = messageId(queued, jobId(route, queued), route.sendingDomain(), rcpt);
        if (kind == Incident.Kind.COMPLAINT_SPIKE) {
            return complaint(route, rcpt, time, messageId);
        }
        Map<String, String> f = base(route, rcpt, time, queued, messageId);
        String ip = route.ip();
        String type = "t";
        switch (kind) {
            case GMAIL_RATE_LIMIT_BURST -> {
                f.put("dsnStatus", "4.7.28 (other or undefined security status)");
                f.put("dsnDiag", "smtp;421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError - gsmtp");
                f.put("bounceCat", "policy-related");
            }
            case GMAIL_LOW_REPUTATION -> {
                f.put("dsnStatus", "4.7.0 (other or undefined security status)");
                f.put("dsnDiag", "smtp;421 4.7.0 [" + ip + "] Our system has detected that this message is suspicious due to the very low reputation of the sending IP address. To best protect our users from spam, the message has been blocked. Please visit https://support.google.com/mail/answer/188131 for more information. - gsmtp");
                f.put("bounceCat", "policy-related");
            }
            case GMAIL_UNSOLICITED -> {
                type = "b";
                f.put("dsnStatus", "5.7.1 (delivery not authorized, message refused)");
                f.put("dsnDiag", "smtp;550 5.7.1 [" + ip + "] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to https://support.google.com/mail/?p=UnsolicitedMessageError - gsmtp");
                f.put("bounceCat", "spam-related");
            }
            case YAHOO_TSS04 -> {
                f.put("dsnStatus", "4.7.0 (other or undefined security status)");
                f.put("dsnDiag", "smtp;421 4.7.0 [TSS04] Messages from " + ip + " temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes");
                f.put("bounceCat", "policy-related");
            }
            case YAHOO_TS03 -> {
                f.put("dsnStatus", "4.7.0 (other or undefined security status)");
                f.put("dsnDiag", "smtp;421 4.7.0 [TS03] All messages from " + ip + " will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes");
                f.put("bounceCat", "policy-related");
            }
            case MICROSOFT_S3150 -> {
                type = "b";
                f.put("dsnStatus", "5.7.1 (delivery not authorized, message refused)");
                f.put("dsnDiag", "smtp;550 5.7.1 Unfortunately, messages from [" + ip + "] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [Name=Protocol Filter Agent][AGT=PFA][MxId=11BA9A6F04D4E5A1] [DM6NAM12FT063.eop-nam12.prod.protection.outlook.com]");
                f.put("bounceCat", "policy-related");
            }
            case MICROSOFT_S775 -> {
                f.put("dsnStatus", "4.7.650 (other or undefined security status)");
                f.put("dsnDiag", "smtp;451 4.7.650 The mail server [" + ip + "] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [Name=Protocol Filter Agent][AGT=PFA][MxId=11BA9A6F04D4E5A1] [DM6NAM12FT063.eop-nam12.prod.protection.outlook.com]");
                f.put("bounceCat", "policy-related");
            }
            default -> {
                type = "b";
                hardBounce(f, route.provider(), rcpt);
            }
        }
        f.put("dsnAction", type.equals("b") ? "failed" : "delayed");
        return new AccountingWriter.Line(time, type, f);
    }

    enum Outcome { DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, DEFERRED }

    /**
     * Per provider: hard bounce, soft bounce, deferral and complaint probabilities (the rest is delivered). A clean,
     * validated list: hard bounces well under the 2% that backs a warmup off, so a healthy day looks healthy even at
     * a few hundred messages; incidents bring the bad days.
     */
    record Odds(double hard, double soft, double deferred, double complaint) {

        static Odds of(String provider) {
            return switch (provider) {
                case "gmail" -> new Odds(0.002, 0.002, 0.012, 0.0002);
                case "microsoft" -> new Odds(0.0025, 0.002, 0.015, 0.0005);
                case "yahoo" -> new Odds(0.002, 0.003, 0.020, 0.0004);
                default -> new Odds(0.003, 0.003, 0.010, 0.0002);
            };
        }

        Outcome draw(SplittableRandom random) {
            double r = random.nextDouble();
            if (r < hard) {
                return Outcome.HARD_BOUNCE;
            }
            if (r < hard + soft) {
                return Outcome.SOFT_BOUNCE;
            }
            if (r < hard + soft + deferred) {
                return Outcome.DEFERRED;
            }
            return Outcome.DELIVERED;
        }
    }

    static String mx(String provider, String domain) {
        return switch (provider) {
            case "gmail" -> "gmail-smtp-in.l.google.com";
            case "microsoft" -> domain.replace('.', '-') + ".olc.protection.outlook.com";
            case "yahoo" -> "mta5.am0.yahoodns.net";
            default -> "mx." + domain;
        };
    }

    static String mxIp(String provider) {
        return switch (provider) {
            case "gmail" -> "142.250.27.27";
            case "microsoft" -> "52.101.8.36";
            case "yahoo" -> "67.195.204.72";
            default -> "192.0.2.25";
        };
    }

    /** Recipient domains of "other" mail: reserved example names no provider of the catalogue claims. */
    static final List<String> OTHER_DOMAINS = List.of("example.org", "corp.example", "mail.example.net");

    static String recipient(String domain, SplittableRandom random) {
        return "u" + random.nextInt(100_000, 1_000_000) + "@" + domain;
    }

    private static String token(SplittableRandom random) {
        return Long.toString(random.nextLong(0, Long.MAX_VALUE), 36);
    }
}
