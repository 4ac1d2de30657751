// The paper status question (DLE EOT 4) and what its one-byte answer means (Epson's roll paper sensor
// status): bits 5-6 set = paper out. Pure: the connection asks, this reads.

/** DLE EOT 4: "roll paper sensor status", answered at once even while the printer is busy. */
export const PAPER_STATUS_REQUEST = Uint8Array.of(0x10, 0x04, 0x04);

export type PaperStatus = 'ok' | 'paper_out';

export function readPaperStatus(answer: number): PaperStatus {
  return (answer & 0x60) === 0x60 ? 'paper_out' : 'ok';
}
