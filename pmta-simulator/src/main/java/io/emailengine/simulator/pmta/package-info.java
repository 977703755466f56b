/**
 * A PowerMTA host simulator for the sandbox and end-to-end tests: {@link io.emailengine.simulator.pmta.PmtaHostSimulator}.
 *
 * <p>Filesystem of a fresh host (under {@code stateDirectory}, served over SFTP as {@code /}):
 * <pre>
 * /etc/pmta/config                      main config (operator's; written once if missing; includes the engine's files)
 * /etc/pmta/email-engine.d/*.conf       pmta-config-service's generated include (register includePath
 *                                       /etc/pmta/email-engine.d/engine.conf); .upload/.bak names are outside the glob
 * /etc/pmta/dkim/                       DKIM keys (register dkimKeyDir /etc/pmta/dkim)
 * /var/log/pmta/                        accounting files: the live &lt;acct-file&gt; and its rotations
 *                                       NAME-YYYY-MM-DD-HHMM.EXT (e.g. email-engine-acct-2026-11-20-0805.csv)
 * /var/spool/pmta/                      (empty)
 * </pre>
 *
 * <p>Commands on the exec channel (optionally prefixed by {@code sudo -n}): {@code pmta test config},
 * {@code pmta reload}, {@code pmta --json show vmtas|queues|status}, {@code pmta pause queue DOMAIN/VMTA},
 * {@code pmta resume queue DOMAIN/VMTA}. Anything else is refused: another program exits 127
 * ("command not found"), shell syntax exits 2, an unknown pmta sub-command exits 1.
 */
package io.emailengine.simulator.pmta;
