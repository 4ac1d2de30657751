// Display-time samples measured in the tab (change arrival or click → DOM commit), kept in a bounded
// ring so a long-running counter never grows memory, with the percentiles the Diagnostics view shows.

export class DisplayTiming {
  private readonly samples: number[] = [];
  private next = 0;
  /** Every sample ever recorded (the ring forgets; telemetry counts a window's samples from this). */
  private recorded = 0;

  constructor(private readonly capacity = 500) {}

  record(ms: number): void {
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
    this.recorded += 1;
  }

  get total(): number {
    return this.recorded;
  }

  get count(): number {
    return this.samples.length;
  }

  /** Nearest-rank percentile (0 < p ≤ 100); null before any sample. */
  percentile(p: number): number | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[rank - 1]!;
  }
}
