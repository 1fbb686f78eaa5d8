// Maximum flow / minimum cut (Dinic) on the small graphs the fix search builds from attack paths.
// Capacities are real numbers (a fix's cost shared among the edges it removes); INFINITE marks an
// edge no candidate fix removes.

export const INFINITE = 1e12;
const EPS = 1e-9;

export class FlowNetwork {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private level: Int32Array;
  private iter: Int32Array;

  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1);
    this.level = new Int32Array(size);
    this.iter = new Int32Array(size);
  }

  /** Adds u → v with the capacity; returns the arc's index (its reverse is index ^ 1). */
  addArc(u: number, v: number, capacity: number): number {
    const a = this.to.length;
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.next.push(this.head[u], this.head[v]);
    this.head[u] = a;
    this.head[v] = a + 1;
    return a;
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    const queue = [s];
    this.level[s] = 0;
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi];
      for (let a = this.head[u]; a >= 0; a = this.next[a]) {
        const v = this.to[a];
        if (this.cap[a] > EPS && this.level[v] < 0) {
          this.level[v] = this.level[u] + 1;
          queue.push(v);
        }
      }
    }
    return this.level[t] >= 0;
  }

  private dfs(u: number, t: number, f: number): number {
    if (u === t) return f;
    for (; this.iter[u] >= 0; this.iter[u] = this.next[this.iter[u]]) {
      const a = this.iter[u];
      const v = this.to[a];
      if (this.cap[a] > EPS && this.level[v] === this.level[u] + 1) {
        const d = this.dfs(v, t, Math.min(f, this.cap[a]));
        if (d > EPS) {
          this.cap[a] -= d;
          this.cap[a ^ 1] += d;
          return d;
        }
      }
    }
    return 0;
  }

  /** The maximum flow from s to t (INFINITE or more when no finite cut separates them). */
  maxFlow(s: number, t: number): number {
    let flow = 0;
    while (this.bfs(s, t)) {
      for (let i = 0; i < this.size; i++) this.iter[i] = this.head[i];
      for (let f = this.dfs(s, t, Infinity); f > EPS; f = this.dfs(s, t, Infinity)) {
        flow += f;
        if (flow >= INFINITE) return flow;
      }
    }
    return flow;
  }

  /** After maxFlow: the vertices still reachable from s in the residual graph (the source side of a minimum cut). */
  sourceSide(s: number): boolean[] {
    const seen = new Array<boolean>(this.size).fill(false);
    const stack = [s];
    seen[s] = true;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let a = this.head[u]; a >= 0; a = this.next[a]) {
        const v = this.to[a];
        if (this.cap[a] > EPS && !seen[v]) {
          seen[v] = true;
          stack.push(v);
        }
      }
    }
    return seen;
  }
}
