// Refreshes that events may request in bursts: one request in flight, at most one more queued behind it.

export function coalescedRefresh(run: () => Promise<void>, onError: (err: unknown) => void): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const loop = async (): Promise<void> => {
    try {
      do {
        again = false;
        await run();
      } while (again);
    } catch (err) {
      onError(err);
    } finally {
      inFlight = undefined;
    }
  };
  return () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = loop();
    return inFlight;
  };
}
