// `evplan brief <scenario> [--compare S] --out brief.pdf`: the web planner's policy brief, printed to PDF by Debian's
// Chromium through playwright-core (never a downloaded browser). The built planner (packages/web/dist) is served on
// a local port for the page's module worker; a scenario file is handed to the page before it loads.
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { CliError, REPO_ROOT, looksLikePath, makeContext, readScenarioFile } from "../context.js";

export interface BriefOptions {
  out?: string;
  compare?: string;
  chromium?: string;
  scenarios?: string;
  data?: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
};

export function webDist(): string {
  return join(REPO_ROOT, "packages", "web", "dist");
}

function serve(dist: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}/` });
    }),
  );
}

/** Prints the brief; returns the PDF's bytes and its page count. */
export async function printBrief(arg: string, opts: BriefOptions): Promise<{ pdf: Uint8Array; pages: number; name: string }> {
  const dist = webDist();
  if (!existsSync(join(dist, "brief.html")))
    throw new CliError(`the planner is not built (${join(dist, "brief.html")} is missing): run npm run build:web first`);
  const executablePath = opts.chromium ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new CliError(`no Chromium at ${executablePath}: install Debian's (apt-get install -y chromium) or give --chromium <path>`);
  // The scenario and the comparison must exist: named ones in the scenario folder (the bundle holds the same).
  const ctx = await makeContext(opts);
  let extra: { name: string; file: string; data: unknown } | null = null;
  let name = arg;
  if (looksLikePath(arg)) {
    const file = resolve(arg);
    if (!existsSync(file)) throw new CliError(`no such scenario file: ${arg}`);
    const src = readScenarioFile(file);
    name = (await ctx.scenarioArg(arg)).name;
    ctx.model.compile(name, src); // a bad file fails here, with file, line and field
    extra = { name, file: arg, data: src.data };
  } else await ctx.scenarioArg(arg);
  if (opts.compare) await ctx.scenarioArg(opts.compare);

  const { chromium } = await import("playwright-core");
  const { server, url } = await serve(dist);
  const browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    if (extra) await page.addInitScript((x) => ((globalThis as unknown as { __evplanExtraScenario: unknown }).__evplanExtraScenario = x), extra);
    const q = new URLSearchParams({ s: name });
    if (opts.compare) q.set("c", opts.compare);
    await page.goto(`${url}brief.html#${q}`);
    await page.waitForFunction(
      () => {
        const w = globalThis as unknown as { __briefReady?: boolean; __briefError?: string };
        return w.__briefReady === true || w.__briefError !== undefined;
      },
      null,
      { timeout: 120_000 },
    );
    const failed = await page.evaluate(() => (globalThis as unknown as { __briefError?: string }).__briefError);
    if (failed) throw new CliError(`the brief could not be prepared: ${failed}`);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    return { pdf: new Uint8Array(pdf), pages, name };
  } finally {
    await browser.close();
    server.close();
  }
}
