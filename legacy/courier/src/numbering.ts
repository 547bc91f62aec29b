import { s10CheckDigit } from '@onething/schema';

/**
 * Waybill numbers (邮件号码) in UPU S10 form: the service indicator (EMS: `E` and a letter), an 8-digit
 * serial, its check digit, and `CN`. Serials run on from a point the seed chooses, so two runs of one seed
 * number alike and the numbers of a fresh start do not look like the last run's.
 */
export class WaybillNumbers {
  private next: number;

  constructor(
    private readonly serviceIndicator: string,
    seed: number,
  ) {
    this.next = 10_000_000 + (seed % 80_000_000);
  }

  issue(): string {
    const serial = String(this.next++ % 100_000_000).padStart(8, '0');
    return `${this.serviceIndicator}${serial}${s10CheckDigit(serial)}CN`;
  }
}
