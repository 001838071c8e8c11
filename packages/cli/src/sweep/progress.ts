// A progress bar on stderr, only when stderr is a terminal (never in pipes, files or CI logs).
import cliProgress from "cli-progress";

export function progressBar(label: string, total: number): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY || total < 2) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
