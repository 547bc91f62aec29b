/**
 * Sends allowed to one mobile number per window (号码级流控). The regulation makes the platform answerable
 * for what it sends and forbids sending to a user who has not agreed (《通信短信息服务管理规定》,
 * 工业和信息化部令第31号); it fixes no numbers. These are the platform's configured defaults, as cloud SMS
 * platforms configure them: 1 a minute, 5 an hour, 10 a day (PROTOCOL.md, "Rate limits").
 */
export interface RateLimits {
  readonly perMinute: number;
  readonly perHour: number;
  readonly perDay: number;
}

export const DEFAULT_LIMITS: RateLimits = { perMinute: 1, perHour: 5, perDay: 10 };

const WINDOWS = [
  { key: 'perMinute', ms: 60_000, code: 'Limit.Minute' },
  { key: 'perHour', ms: 3_600_000, code: 'Limit.Hour' },
  { key: 'perDay', ms: 86_400_000, code: 'Limit.Day' },
] as const;

/** Why a send is refused: the window it would break and when the number may be sent to again. */
export interface LimitBreach {
  readonly code: (typeof WINDOWS)[number]['code'];
  readonly limit: number;
  readonly retryAfterMs: number;
}

/**
 * Sliding windows of the sends accepted per number, on the gateway's clock. Only accepted sends count: a
 * refused request (a bad variable, a limit already reached) and a repeated OutId send nothing.
 */
export class MobileRateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(public limits: RateLimits = DEFAULT_LIMITS) {}

  /**
   * The window a send to `mobile` at `now` would break, or undefined when it may go. When several would
   * break, the one that holds the number back longest: its wait is the one the caller must respect.
   */
  check(mobile: string, now: number): LimitBreach | undefined {
    const times = this.prune(mobile, now);
    let worst: LimitBreach | undefined;
    for (const w of WINDOWS) {
      const limit = this.limits[w.key];
      const inWindow = times.filter((t) => t > now - w.ms);
      if (inWindow.length < limit) continue;
      // The window frees once the oldest send that fills it leaves it.
      const oldest = inWindow[inWindow.length - limit]!;
      const breach = { code: w.code, limit, retryAfterMs: oldest + w.ms - now };
      if (!worst || breach.retryAfterMs > worst.retryAfterMs) worst = breach;
    }
    return worst;
  }

  record(mobile: string, now: number): void {
    this.prune(mobile, now).push(now);
  }

  private prune(mobile: string, now: number): number[] {
    const times = (this.sent.get(mobile) ?? []).filter((t) => t > now - 86_400_000);
    this.sent.set(mobile, times);
    return times;
  }
}
