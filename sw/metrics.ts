// Counters for the Diagnostics view, persisted in IDB meta (the SW may be stopped between any two reads).

import { getMeta, putMeta, type AnyTx, type MetricsMeta, type WriteTx } from './db.ts';

const MINUTE_MS = 60_000;

export async function readMetrics(tx: AnyTx): Promise<MetricsMeta> {
  return (
    (await getMeta(tx, 'metrics')) ?? { cacheHits: 0, cacheMisses: 0, pullTimes: [], recoveryTimesMs: [] }
  );
}

/** Counts an active-orders read: a hit when served from IDB (snapshot or offline fallback), a miss from the network. */
export async function countRead(tx: WriteTx, kind: 'hit' | 'miss'): Promise<void> {
  const metrics = await readMetrics(tx);
  if (kind === 'hit') metrics.cacheHits += 1;
  else metrics.cacheMisses += 1;
  await putMeta(tx, 'metrics', metrics);
}

export async function countPull(tx: WriteTx, nowMs: number): Promise<void> {
  const metrics = await readMetrics(tx);
  metrics.pullTimes = [...metrics.pullTimes.filter((t) => t > nowMs - MINUTE_MS), nowMs];
  await putMeta(tx, 'metrics', metrics);
}

export function pullsInLastMinute(metrics: MetricsMeta, nowMs: number): number {
  return metrics.pullTimes.filter((t) => t > nowMs - MINUTE_MS).length;
}
