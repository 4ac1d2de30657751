// The owner's plain "online / offline since …" for each device, from its live stream and its last request.
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../../src/i18n.ts';
import { connectionState, connectionText } from '../../../src/device-connection.ts';

// The words come from the English catalogues, as on a device whose language is English.
beforeAll(() => activate('en', { waitForAll: true }));

const now = Date.parse('2026-12-01T12:00:00.000Z');
const minutesBefore = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('connectionState / connectionText', () => {
  it('calls a device with an open stream online, whatever its last request', () => {
    const device = { connected: true, lastSeenAt: minutesBefore(30), revoked: false };
    expect(connectionState(device, now)).toBe('online');
    expect(connectionText(device, now)).toBe('Online: receives orders live');
  });

  it('calls a device seen in the last two minutes without a stream reachable, and older ones offline since then', () => {
    expect(connectionState({ connected: false, lastSeenAt: minutesBefore(1.5), revoked: false }, now)).toBe(
      'reachable',
    );
    const away = { connected: false, lastSeenAt: minutesBefore(35), revoked: false };
    expect(connectionState(away, now)).toBe('offline');
    expect(connectionText(away, now)).toMatch(/^Offline since .+ \(35 min ago\)$/);
  });

  it('says never connected, and revoked, in words', () => {
    expect(connectionText({ connected: false, lastSeenAt: null, revoked: false }, now)).toBe(
      'Never connected',
    );
    expect(connectionText({ connected: true, lastSeenAt: minutesBefore(0), revoked: true }, now)).toBe(
      'Revoked',
    );
  });
});
