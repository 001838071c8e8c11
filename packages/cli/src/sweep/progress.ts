// A progress bar on stderr, only when stderr is a terminal (never in pipes, files or CI logs), with an estimate of
// the time left that does not overshoot: the clock starts at the first finished chunk, not at launch, because
// starting the workers (each builds the model) takes seconds that the rest of the run does not repeat; and no
// estimate is shown until a tenth of the work or two seconds of it give a rate worth extrapolating.
import cliProgress from "cli-progress";

export class EtaEstimator {
  private t0 = -1;
  private done0 = 0;
  constructor(
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Seconds left after `done` of `total`, or undefined while there is no rate worth extrapolating. */
  update(done: number): number | undefined {
    const t = this.now();
    if (this.t0 < 0) {
      this.t0 = t;
      this.done0 = done;
      return undefined;
    }
    const seconds = (t - this.t0) / 1000;
    const since = done - this.done0;
    if (since <= 0 || (seconds < 2 && since < this.total / 10)) return undefined;
    return ((this.total - done) * seconds) / since;
  }
}

export function etaText(seconds: number | undefined): string {
  if (seconds === undefined) return "estimating time left";
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `about ${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s left` : `about ${s}s left`;
}

export function progressBar(label: string, total: number): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY || total < 2) return { update: () => {}, stop: () => {} };
  const eta = new EtaEstimator(total);
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} | {left}`, hideCursor: true, clearOnComplete: true, barsize: 24 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { left: etaText(undefined) });
  return { update: (done) => bar.update(done, { left: etaText(eta.update(done)) }), stop: () => bar.stop() };
}
