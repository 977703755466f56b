package io.emailengine.alerting.domain;

import io.emailengine.events.Severity;
import java.util.List;
import java.util.Set;

/**
 * Chooses the chat of an alert: the first route of its tenant covering its severity; system
 * alerts (no tenant) and tenants without a matching route go to the admin chat, so an alert is
 * never dropped for want of a route. Severities in {@code silentSeverities} arrive without sound.
 */
public record RouteTable(List<Route> routes, long adminChatId, Long adminThreadId, Set<Severity> silentSeverities) {

    public RouteTable {
        routes = List.copyOf(routes);
        silentSeverities = Set.copyOf(silentSeverities);
    }

    public Destination destinationOf(String tenant, Severity severity) {
        boolean silent = silentSeverities.contains(severity);
        if (tenant != null) {
            for (Route route : routes) {
                if (route.covers(tenant, severity)) {
                    return new Destination(route.chatId(), route.threadId(), silent);
                }
            }
        }
        return adminDestination(silent);
    }

    /** The chat a tenant's test message goes to: its route for critical alerts, else the admin chat. */
    public Destination testDestinationOf(String tenant) {
        return destinationOf(tenant, Severity.CRITICAL);
    }

    public Destination adminDestination(boolean silent) {
        return new Destination(adminChatId, adminThreadId, silent);
    }
}
