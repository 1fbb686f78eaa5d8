// Correlation (DESIGN.md "Incident"): alerts of one cluster on the same workload join its open
// incident when their event time is within the window of the incident's last alert; otherwise
// they open a new one. Pure: it plans, the caller writes.

export interface TOpenIncident {
  id: string;
  firstSeen: Date;
  lastSeen: Date;
}

export interface TCorrelationGroup<A> {
  /** an existing open incident, or null for a new one */
  incidentId: string | null;
  firstSeen: Date;
  lastSeen: Date;
  alerts: A[];
}

/**
 * Splits one workload's new alerts into groups. `open` is the workload's open incident with
 * the latest lastSeen, if any. Alerts are taken in time order; each joins the group whose last
 * alert is within `windowMs`, else starts a new group.
 */
export function correlate<A extends { time: Date }>(alerts: A[], open: TOpenIncident | null, windowMs: number): TCorrelationGroup<A>[] {
  const sorted = [...alerts].sort((a, b) => a.time.getTime() - b.time.getTime());
  const groups: TCorrelationGroup<A>[] = [];
  if (open) groups.push({ incidentId: open.id, firstSeen: open.firstSeen, lastSeen: open.lastSeen, alerts: [] });
  for (const alert of sorted) {
    const t = alert.time.getTime();
    const home = groups.find((g) => Math.abs(t - g.lastSeen.getTime()) <= windowMs || (t >= g.firstSeen.getTime() && t <= g.lastSeen.getTime()));
    if (home) {
      home.alerts.push(alert);
      if (t > home.lastSeen.getTime()) home.lastSeen = alert.time;
      if (t < home.firstSeen.getTime()) home.firstSeen = alert.time;
    } else {
      groups.push({ incidentId: null, firstSeen: alert.time, lastSeen: alert.time, alerts: [alert] });
    }
  }
  return groups.filter((g) => g.alerts.length > 0);
}
