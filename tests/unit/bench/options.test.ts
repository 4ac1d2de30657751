// The bench's command line: only a complete full run may write the tracked results and the README table.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUT, parseOptions } from '../../../bench/options.ts';

describe('bench options', () => {
  it('lets a complete full run write bench/results/latest.json and the README table', () => {
    const options = parseOptions([]);
    expect(options.out).toBe(DEFAULT_OUT);
    expect(options.writeReadme).toBe(true);
    expect(options.latencySamples).toBeGreaterThanOrEqual(100);
  });

  it('sends a quick run beside the tracked results and never to the README', () => {
    const options = parseOptions(['--quick']);
    expect(options.out).not.toBe(DEFAULT_OUT);
    expect(options.out.endsWith('bench/results/quick.json')).toBe(true);
    expect(options.writeReadme).toBe(false);
  });

  it('never rewrites the README from a partial full run', () => {
    const options = parseOptions(['--only', 'cold-start,bundle']);
    expect([...(options.only ?? [])]).toEqual(['cold-start', 'bundle']);
    expect(options.writeReadme).toBe(false);
  });

  it('selects the Part 2 network scenarios by name: HTTPS and PostgreSQL', () => {
    const options = parseOptions(['--quick', '--only', 'tls,postgres']);
    expect([...(options.only ?? [])]).toEqual(['tls', 'postgres']);
    expect(options.postgresCrossSamples).toBeGreaterThan(0);
  });

  it('takes at least 100 cross-instance samples in a full run', () => {
    expect(parseOptions([]).postgresCrossSamples).toBeGreaterThanOrEqual(100);
  });

  it('rejects an unknown scenario name', () => {
    expect(() => parseOptions(['--only', 'cold-strat'])).toThrow(/unknown scenario cold-strat/);
  });
});
