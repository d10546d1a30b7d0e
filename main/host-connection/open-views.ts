// The map views open in an agent, as the connection sees them, so that when the agent dies each view's renderer
// hears that its view closed and why.
export class OpenViews {
  private readonly open = new Set<number>();

  record(op: unknown, req: unknown, value: unknown): void {
    if (op === 'mapViewOpen') {
      const view = (value as { view?: unknown } | null)?.view;
      if (typeof view === 'number') this.open.add(view);
    } else if (op === 'mapViewClose') {
      const view = (req as { view?: unknown } | null)?.view;
      if (typeof view === 'number') this.open.delete(view);
    }
  }

  closed(view: number): void {
    this.open.delete(view);
  }

  /** Every view still open, forgotten. */
  drain(): number[] {
    const views = [...this.open];
    this.open.clear();
    return views;
  }
}
