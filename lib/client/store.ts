/**
 * A minimal external store for React's useSyncExternalStore: immutable snapshots, listeners
 * notified on every change. The controllers of the guest pages extend it.
 */
export class Store<S extends object> {
  private listeners = new Set<() => void>();

  constructor(protected state: S) {}

  getSnapshot = (): S => this.state;

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  protected set(patch: Partial<S>) {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }
}
