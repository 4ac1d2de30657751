// Reads an ESC/POS byte stream the way a receipt printer does, for the virtual printer and the tests: text
// in the selected code page, large type, the drawer pulse, a ticket per cut, and status requests
// (DLE EOT n) that a real printer answers at once. Incremental: a command split across chunks waits.

import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import { EPSON_CODEPAGES } from './codepage-choice.ts';

export interface DecodedLine {
  text: string;
  large: boolean;
  bold: boolean;
}

export interface DecodedTicket {
  lines: DecodedLine[];
  /** The lines as text, one per printed line, trailing spaces trimmed. */
  text: string;
  drawerKick: boolean;
  /** Every code page the ticket selected (ESC t). */
  codepages: Codepage[];
  /** The ticket started with ESC @. */
  initialized: boolean;
  bytes: Uint8Array;
}

export type DecoderEvent = { type: 'status'; n: number } | { type: 'ticket'; ticket: DecodedTicket };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Bytes each fixed-length command takes (prefix, command byte, then arguments). */
const ESC_ARGS: Readonly<Record<number, number>> = {
  0x40: 0,
  0x74: 1,
  0x61: 1,
  0x45: 1,
  0x4d: 1,
  0x2d: 1,
  0x34: 1,
  0x21: 1,
  0x33: 1,
  0x32: 0,
  0x64: 1,
  0x4a: 1,
  0x70: 3,
  0x47: 1,
  0x56: 1,
  0x7b: 1,
  0x20: 1,
  0x52: 1,
};
const GS_ARGS: Readonly<Record<number, number>> = { 0x21: 1, 0x42: 1, 0x48: 1, 0x68: 1, 0x77: 1, 0x66: 1 };
const FS_ARGS: Readonly<Record<number, number>> = { 0x2e: 0, 0x26: 0, 0x43: 1 };

function decodeTable(codepage: Codepage): string[] {
  return CodepageEncoder.getCodepoints(codepage, true).map((point) =>
    point === null || point === undefined ? '?' : String.fromCodePoint(point),
  );
}

export class EscPosDecoder {
  #pending: number[] = [];
  #ticket: number[] = [];
  #lines: DecodedLine[] = [];
  #line = '';
  #large = false;
  #bold = false;
  #lineLarge = false;
  #lineBold = false;
  #drawerKick = false;
  #initialized = false;
  #codepages: Codepage[] = [];
  #table: string[] = decodeTable('cp437');

  /** Feeds received bytes; answers what they completed (status requests, finished tickets). */
  push(chunk: Uint8Array): DecoderEvent[] {
    for (const byte of chunk) this.#pending.push(byte);
    const events: DecoderEvent[] = [];
    let index = 0;
    const data = this.#pending;
    while (index < data.length) {
      const used = this.#step(data, index, events);
      if (used === 0) break;
      for (let i = index; i < index + used; i += 1) this.#ticket.push(data[i] as number);
      index += used;
      const last = events.at(-1);
      if (last?.type === 'ticket' && last.ticket.bytes.length === 0)
        last.ticket.bytes = Uint8Array.from(this.#flushBytes());
    }
    this.#pending = data.slice(index);
    return events;
  }

  #flushBytes(): number[] {
    const bytes = this.#ticket;
    this.#ticket = [];
    return bytes;
  }

  /** Consumes one command or character at `at`; 0 = incomplete, wait for more. */
  #step(data: number[], at: number, events: DecoderEvent[]): number {
    const byte = data[at] as number;
    const next = data[at + 1];
    if (byte === DLE) {
      if (data.length < at + 3) return 0;
      // DLE EOT n: a real-time status request.
      if (next === 0x04) events.push({ type: 'status', n: data[at + 2] as number });
      return 3;
    }
    if (byte === ESC || byte === GS || byte === FS) {
      if (next === undefined) return 0;
      if (byte === GS && next === 0x56) {
        // GS V m [n]: m 65/66 carry a feed amount.
        const m = data[at + 2];
        if (m === undefined) return 0;
        const length = m === 65 || m === 66 ? 4 : 3;
        if (data.length < at + length) return 0;
        this.#cut(events);
        return length;
      }
      const table = byte === ESC ? ESC_ARGS : byte === GS ? GS_ARGS : FS_ARGS;
      const args = table[next] ?? 0;
      if (data.length < at + 2 + args) return 0;
      this.#command(byte, next, data.slice(at + 2, at + 2 + args));
      return 2 + args;
    }
    if (byte === 0x0a) this.#endLine();
    else if (byte >= 0x20) this.#text(this.#table[byte] ?? '?');
    return 1;
  }

  #command(prefix: number, command: number, args: number[]): void {
    const [a = 0] = args;
    if (prefix === ESC && command === 0x40) {
      this.#initialized = true;
      this.#large = false;
      this.#bold = false;
    } else if (prefix === ESC && command === 0x74) {
      const page = EPSON_CODEPAGES[a] ?? 'cp437';
      this.#codepages.push(page);
      this.#table = decodeTable(page);
    } else if (prefix === ESC && command === 0x45) this.#bold = a !== 0;
    else if (prefix === ESC && command === 0x70) this.#drawerKick = true;
    else if (prefix === GS && command === 0x21) this.#large = a !== 0;
  }

  #text(char: string): void {
    if (this.#line === '') {
      this.#lineLarge = this.#large;
      this.#lineBold = this.#bold;
    }
    this.#lineLarge ||= this.#large;
    this.#line += char;
  }

  #endLine(): void {
    this.#lines.push({ text: this.#line.trimEnd(), large: this.#lineLarge, bold: this.#lineBold });
    this.#line = '';
    this.#lineLarge = false;
  }

  #cut(events: DecoderEvent[]): void {
    if (this.#line !== '') this.#endLine();
    const lines = this.#lines;
    // The feed before the cut is paper, not content.
    while (lines.length > 0 && lines.at(-1)?.text === '') lines.pop();
    events.push({
      type: 'ticket',
      ticket: {
        lines,
        text: `${lines.map((line) => line.text).join('\n')}\n`,
        drawerKick: this.#drawerKick,
        codepages: this.#codepages,
        initialized: this.#initialized,
        bytes: new Uint8Array(0),
      },
    });
    this.#lines = [];
    this.#drawerKick = false;
    this.#initialized = false;
    this.#codepages = [];
  }
}
