package io.emailengine.simulator.mailwizz;

import java.util.List;

/**
 * The {@code mailwizz} database: MailWizz 2.x tables (real names and columns, as far as the API subset and the
 * gateway need them; {@code mw_delivery_server} with MailWizz's full column set) plus the simulator's own
 * {@code sim_*} tables, which the limited database user cannot see.
 */
final class Schema {

    static final String DATABASE = "mailwizz";

    private Schema() {
    }

    static final List<String> TABLES = List.of("""
            CREATE TABLE `mw_customer` (
              `customer_id` int(11) NOT NULL AUTO_INCREMENT,
              `customer_uid` char(13) NOT NULL,
              `first_name` varchar(100) DEFAULT NULL,
              `email` varchar(150) NOT NULL,
              `status` char(15) NOT NULL DEFAULT 'inactive',
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`customer_id`),
              UNIQUE KEY `customer_uid_UNIQUE` (`customer_uid`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_delivery_server` (
              `server_id` int(11) NOT NULL AUTO_INCREMENT,
              `customer_id` int(11) DEFAULT NULL,
              `bounce_server_id` int(11) DEFAULT NULL,
              `tracking_domain_id` int(11) DEFAULT NULL,
              `warmup_plan_id` int(11) DEFAULT NULL,
              `type` char(50) NOT NULL,
              `name` varchar(255) DEFAULT NULL,
              `hostname` varchar(255) NOT NULL,
              `username` varchar(255) DEFAULT NULL,
              `password` varchar(255) DEFAULT NULL,
              `port` int(5) DEFAULT 25,
              `protocol` char(10) DEFAULT NULL,
              `timeout` int(3) DEFAULT 30,
              `from_email` varchar(150) NOT NULL,
              `from_name` varchar(150) DEFAULT NULL,
              `reply_to_email` varchar(150) DEFAULT NULL,
              `probability` int(3) NOT NULL DEFAULT 100,
              `hourly_quota` int(11) NOT NULL DEFAULT 0,
              `daily_quota` int(11) NOT NULL DEFAULT 0,
              `monthly_quota` int(11) NOT NULL DEFAULT 0,
              `pause_after_send` int(11) NOT NULL DEFAULT 0,
              `max_connection_messages` int(11) NOT NULL DEFAULT 1,
              `meta_data` blob DEFAULT NULL,
              `confirmation_key` char(40) DEFAULT NULL,
              `locked` enum('yes','no') NOT NULL DEFAULT 'no',
              `use_for` char(15) NOT NULL DEFAULT 'all',
              `signing_enabled` enum('yes','no') NOT NULL DEFAULT 'yes',
              `force_from` varchar(50) NOT NULL DEFAULT 'never',
              `force_reply_to` varchar(50) NOT NULL DEFAULT 'never',
              `status` char(15) NOT NULL DEFAULT 'inactive',
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`server_id`),
              KEY `fk_delivery_server_warmup_plan1_idx` (`warmup_plan_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_list` (
              `list_id` int(11) NOT NULL AUTO_INCREMENT,
              `list_uid` char(32) NOT NULL,
              `customer_id` int(11) NOT NULL,
              `name` varchar(255) NOT NULL,
              `display_name` varchar(255) NOT NULL,
              `description` varchar(255) DEFAULT NULL,
              `opt_in` enum('double','single') NOT NULL DEFAULT 'double',
              `opt_out` enum('double','single') NOT NULL DEFAULT 'single',
              `status` char(15) NOT NULL DEFAULT 'active',
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`list_id`),
              UNIQUE KEY `unique_id_UNIQUE` (`list_uid`),
              KEY `fk_list_customer1_idx` (`customer_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_list_field` (
              `field_id` int(11) NOT NULL AUTO_INCREMENT,
              `list_id` int(11) NOT NULL,
              `label` varchar(255) NOT NULL,
              `tag` varchar(50) NOT NULL,
              `required` enum('yes','no') NOT NULL DEFAULT 'no',
              `sort_order` int(11) NOT NULL DEFAULT 0,
              PRIMARY KEY (`field_id`),
              UNIQUE KEY `list_tag` (`list_id`, `tag`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_list_subscriber` (
              `subscriber_id` int(11) NOT NULL AUTO_INCREMENT,
              `subscriber_uid` char(13) NOT NULL,
              `list_id` int(11) NOT NULL,
              `email` varchar(100) NOT NULL,
              `ip_address` char(45) DEFAULT NULL,
              `source` enum('web','api','import') NOT NULL DEFAULT 'web',
              `status` char(15) NOT NULL DEFAULT 'unconfirmed',
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`subscriber_id`),
              UNIQUE KEY `unique_id_UNIQUE` (`subscriber_uid`),
              UNIQUE KEY `list_email_UNIQUE` (`list_id`, `email`),
              KEY `email` (`email`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_list_field_value` (
              `value_id` int(11) NOT NULL AUTO_INCREMENT,
              `field_id` int(11) NOT NULL,
              `subscriber_id` int(11) NOT NULL,
              `value` varchar(255) NOT NULL,
              PRIMARY KEY (`value_id`),
              UNIQUE KEY `field_subscriber` (`field_id`, `subscriber_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_campaign` (
              `campaign_id` int(11) NOT NULL AUTO_INCREMENT,
              `campaign_uid` char(32) NOT NULL,
              `customer_id` int(11) NOT NULL,
              `list_id` int(11) NOT NULL,
              `type` char(15) NOT NULL DEFAULT 'regular',
              `name` varchar(255) NOT NULL,
              `from_name` varchar(100) NOT NULL,
              `from_email` varchar(100) NOT NULL,
              `reply_to` varchar(100) NOT NULL,
              `subject` varchar(255) NOT NULL,
              `send_at` datetime DEFAULT NULL,
              `status` char(15) NOT NULL DEFAULT 'draft',
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`campaign_id`),
              UNIQUE KEY `campaign_uid_UNIQUE` (`campaign_uid`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_campaign_delivery_log` (
              `log_id` bigint(20) NOT NULL AUTO_INCREMENT,
              `campaign_id` int(11) NOT NULL,
              `subscriber_id` int(11) NOT NULL,
              `server_id` int(11) DEFAULT NULL,
              `message` text DEFAULT NULL,
              `processed` enum('yes','no') NOT NULL DEFAULT 'no',
              `retries` int(1) NOT NULL DEFAULT 0,
              `max_retries` int(1) NOT NULL DEFAULT 3,
              `email_message_id` varchar(255) DEFAULT NULL,
              `delivery_confirmed` enum('yes','no') NOT NULL DEFAULT 'yes',
              `status` char(15) NOT NULL DEFAULT 'success',
              `date_added` datetime NOT NULL,
              PRIMARY KEY (`log_id`),
              UNIQUE KEY `email_message_id` (`email_message_id`),
              KEY `campaign_subscriber` (`campaign_id`, `subscriber_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_campaign_bounce_log` (
              `log_id` int(11) NOT NULL AUTO_INCREMENT,
              `campaign_id` int(11) NOT NULL,
              `subscriber_id` int(11) NOT NULL,
              `message` text DEFAULT NULL,
              `bounce_type` enum('hard','soft','internal') NOT NULL DEFAULT 'hard',
              `processed` enum('yes','no') NOT NULL DEFAULT 'no',
              `date_added` datetime NOT NULL,
              PRIMARY KEY (`log_id`),
              UNIQUE KEY `campaign_subscriber_unique` (`campaign_id`, `subscriber_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_email_blacklist` (
              `email_id` int(11) NOT NULL AUTO_INCREMENT,
              `subscriber_id` int(11) DEFAULT NULL,
              `email` varchar(150) NOT NULL,
              `reason` text DEFAULT NULL,
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`email_id`),
              UNIQUE KEY `email_UNIQUE` (`email`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `mw_customer_email_template` (
              `template_id` int(11) NOT NULL AUTO_INCREMENT,
              `template_uid` char(13) NOT NULL,
              `customer_id` int(11) DEFAULT NULL,
              `name` varchar(255) NOT NULL,
              `content` longtext NOT NULL,
              `date_added` datetime NOT NULL,
              `last_updated` datetime NOT NULL,
              PRIMARY KEY (`template_id`),
              UNIQUE KEY `template_uid_UNIQUE` (`template_uid`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `sim_delivery_server_change` (
              `change_id` bigint(20) NOT NULL AUTO_INCREMENT,
              `server_id` int(11) NOT NULL,
              `old_hourly_quota` int(11) NOT NULL,
              `new_hourly_quota` int(11) NOT NULL,
              `old_daily_quota` int(11) NOT NULL,
              `new_daily_quota` int(11) NOT NULL,
              `changed_by` varchar(200) NOT NULL,
              `changed_at` datetime(6) NOT NULL,
              PRIMARY KEY (`change_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""", """
            CREATE TABLE `sim_suppression` (
              `suppression_id` bigint(20) NOT NULL AUTO_INCREMENT,
              `kind` varchar(20) NOT NULL,
              `customer_id` int(11) NOT NULL,
              `email` varchar(150) NOT NULL,
              `reason` text DEFAULT NULL,
              `campaign_uid` varchar(32) DEFAULT NULL,
              `list_uid` varchar(32) DEFAULT NULL,
              `subscriber_uid` varchar(13) DEFAULT NULL,
              `at` datetime(6) NOT NULL,
              PRIMARY KEY (`suppression_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
            // Triggers run with their definer's (root's) rights: a write by the limited user is audited in a table
            // it cannot read; UTC_TIMESTAMP(6) is the time of the write itself.
            """
            CREATE TRIGGER `sim_delivery_server_quota_audit` AFTER UPDATE ON `mw_delivery_server` FOR EACH ROW
            BEGIN
              IF NEW.hourly_quota <> OLD.hourly_quota OR NEW.daily_quota <> OLD.daily_quota THEN
                INSERT INTO sim_delivery_server_change (server_id, old_hourly_quota, new_hourly_quota, old_daily_quota,
                    new_daily_quota, changed_by, changed_at)
                VALUES (NEW.server_id, OLD.hourly_quota, NEW.hourly_quota, OLD.daily_quota, NEW.daily_quota, USER(),
                    UTC_TIMESTAMP(6));
              END IF;
            END""");
}
