// The planner on a phone, in Urdu, and for keyboard and screen-reader users (Debian's Chromium, axe-core from npm).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { plannerBrowser } from "./planner-browser";

const root = join(import.meta.dirname, "..", "..", "..");
const planner = plannerBrowser();

async function open(hash = "", width = 1440, height = 900): Promise<{ page: Page; errors: string[] }> {
  // The server's CSP allows no inline script; the axe-core checker is injected inline, so this test's pages bypass it.
  const page = await planner.browser.newPage({ viewport: { width, height }, bypassCSP: true });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(planner.url + hash);
  // Every chart drawn and the first screen's background answers in.
  await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1 && (window.__evplan?.analyses ?? 0) >= 1, null, { timeout: 60_000 });
  return { page, errors };
}

/** Elements wider than the viewport or reaching past its edges (the page's own scroll width included). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const bad: string[] = [];
    if (document.documentElement.scrollWidth > w) bad.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${w}`);
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (el.closest(".levers.drawer, .sr-only, .skip-link, .plot-tip, .table-wrap, .drawer-button")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.right > w + 1) bad.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    // Text clipped inside its own box (the Urdu header was).
    for (const el of document.querySelectorAll<HTMLElement>("h1, .card-label, .card-value, .controls label, .question"))
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`clipped ${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
    return bad.slice(0, 10);
  });

describe("phone and tablet", () => {
  it("at 390x844, in English and Urdu: one column, the headline cards first, the levers in a drawer", async () => {
    for (const lang of ["en", "ur"]) {
      const { page, errors } = await open(lang === "ur" ? "#l=ur" : "", 390, 844);
      expect(await overflow(page), `overflow at 390 px (${lang})`).toEqual([]);
      // The first card starts on the first screen; the levers are not in the page's flow.
      const card = await page.locator('[data-testid="headline-share2030"]').boundingBox();
      expect(card!.y, `first card's top (${lang})`).toBeLessThan(600);
      expect(await page.locator("#levers").isVisible()).toBe(false);
      // The cards are one column: each below the previous.
      const boxes = await page.locator(".cards > .card").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.width]));
      for (let i = 1; i < boxes.length; i++) expect(boxes[i][1]).toBeGreaterThan(boxes[i - 1][1]);
      for (const b of boxes) expect(b[2]).toBeLessThanOrEqual(390);
      // The drawer opens with the levers, moves one, and closes with Escape; focus returns to its button.
      await page.click('[data-testid="levers-open"]');
      await page.waitForFunction(() => document.querySelector("#levers")!.getBoundingClientRect().left >= -1);
      expect(await page.locator('input[data-series="policy.subsidy_scale"]').isVisible()).toBe(true);
      const runs = await page.evaluate(() => window.__evplan!.runs);
      await page.locator('input[data-series="policy.subsidy_scale"]').focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((n) => window.__evplan!.runs > n, runs);
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector("#levers")!.classList.contains("open"));
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("levers-open");
      expect(await page.locator('[data-testid="levers-open"]').innerText()).toMatch(/1/);
      // Readable charts: every chart box is at least 200 px tall and inside the screen's width.
      const slots = await page.locator(".charts [data-slot]").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
      for (const [w, h] of slots) {
        expect(w).toBeGreaterThan(300);
        expect(h).toBeGreaterThanOrEqual(200);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("nothing is wider than the viewport from 360 to 430 px, nor at tablet width, in either language", async () => {
    const { page } = await open("", 360, 800);
    for (const lang of ["en", "ur"]) {
      if (lang === "ur") {
        await page.click('[data-testid="lang"]');
        await page.waitForFunction(() => document.documentElement.dir === "rtl");
      }
      for (const width of [360, 375, 412, 430, 768]) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(60);
        expect(await overflow(page), `overflow at ${width} px (${lang})`).toEqual([]);
      }
    }
    await page.close();
  });
});

describe("Urdu", () => {
  const URDU = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
  it("every Urdu letter on the page is drawn by the bundled font, loaded (no empty boxes)", async () => {
    const { page } = await open("#l=ur");
    const r = await page.evaluate(async () => {
      await document.fonts.ready;
      const chars = [...new Set([...document.body.innerText].filter((c) => /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/.test(c)))];
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Noto Naskh Arabic");
      const loaded = faces.filter((f) => f.status === "loaded").map((f) => f.weight);
      // A glyph the bundled font lacks falls back to the next font in the list: compare widths with two different
      // fallbacks. Equal widths with both mean the bundled font drew the letter itself.
      const ctx = document.createElement("canvas").getContext("2d")!;
      const width = (c: string, fallback: string) => {
        ctx.font = `32px "Noto Naskh Arabic", ${fallback}`;
        return ctx.measureText(c).width;
      };
      const missing = chars.filter((c) => Math.abs(width(c, "monospace") - width(c, "serif")) > 0.01 || !document.fonts.check(`16px "Noto Naskh Arabic"`, c));
      const family = getComputedStyle(document.querySelector(".card-label")!).fontFamily;
      return { n: chars.length, loaded, missing, family, hasHeh: chars.includes("ہ"), hasYeh: chars.includes("ے") };
    });
    expect(r.n).toBeGreaterThan(30);
    expect(r.hasHeh && r.hasYeh).toBe(true);
    expect(r.loaded).toContain("400");
    expect(r.missing).toEqual([]);
    expect(r.family).toMatch(/^"?Noto Naskh Arabic/);
    await page.close();
  });

  it("no Latin words remain in the Urdu interface beyond a short list, and numbers keep their order", async () => {
    const { page } = await open("#l=ur");
    // Open every lever group, so their names are on the page too.
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>(".lever-group").forEach((d) => (d.open = true)));
    const words = await page.evaluate(() => {
      const out = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        // Quoted sources and the reference table are in English by design (marked lang="en"); hidden text is skipped.
        if (el.closest('[lang="en"], script, style, code, .sr-only') || !el.checkVisibility()) continue;
        for (const w of n.textContent!.match(/[A-Za-z][A-Za-z]+/g) ?? []) out.add(w);
      }
      return [...out].sort();
    });
    const ALLOWED = ["CSV", "YAML", "IEA", "kWh", "CO", "LFP", "NMC", "English", "ms"];
    expect(words.filter((w) => !ALLOWED.includes(w))).toEqual([]);
    // The English-language regions are only the quoted sources and the reference table.
    const english = await page
      .locator('[lang="en"]')
      .evaluateAll((els) =>
        els.filter((e) => !e.matches('.source-pop, .assumptions tbody, .scenario-line p, [data-testid="lang"]')).map((e) => e.outerHTML.slice(0, 80)),
      );
    expect(english).toEqual([]);
    // "−17.9 pp" stays in that order inside the right-to-left text: the number is isolated left to right.
    const gap = await page.locator('[data-testid="headline-share2030"] .card-sub bdi[dir="ltr"]').allInnerTexts();
    expect(gap.some((g) => /^−\d+\.\d$/.test(g))).toBe(true);
    await page.close();
  });

  it("names every lever and preset in Urdu", async () => {
    const { URDU_TABLES } = await import("../src/labels");
    const { page } = await open("#l=ur");
    const names = await page.locator(".lever-label").allTextContents();
    expect(names.length).toBeGreaterThan(15);
    for (const n of names) expect(n, n).toMatch(URDU);
    const options = await page.locator('[data-testid="preset"] option').allTextContents();
    for (const o of options) expect(o, o).toMatch(URDU);
    expect(Object.keys(URDU_TABLES.PRESETS_UR).length).toBeGreaterThanOrEqual(options.length);
    await page.close();
  });
});

describe("accessibility", () => {
  const axe = async (page: Page, rules: string[] | "no-contrast") => {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: join(root, "node_modules/axe-core/axe.min.js") });
    return page.evaluate(async (only) => {
      const r = await (
        window as unknown as {
          axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe.run(document, only === "no-contrast" ? { rules: { "color-contrast": { enabled: false } } } : { runOnly: only });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    }, rules ?? null);
  };

  it("axe-core finds no serious or critical violation, in English and Urdu, on desktop and phone", async () => {
    for (const [hash, w, h] of [
      ["#c=reference", 1440, 900],
      ["#l=ur&c=reference", 390, 844],
    ] as const) {
      const { page } = await open(hash, w, h);
      await page.waitForSelector('[data-testid="why-changed"]');
      // A lever's year table open (on a phone the drawer is closed, so only on the desktop).
      if (w > 960) await page.click('[data-testid=year-toggle][data-series="policy.subsidy_budget"]');
      // Every rule but contrast first (contrast is checked below, where axe can measure every text).
      const serious = (await axe(page, "no-contrast")).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious, `${hash} ${w}x${h}`).toEqual([]);
      // Text contrast with the charts' canvases and the table's scroll box out of the way: axe cannot see through the
      // canvases (each inside its chart's box) nor into rows scrolled out of view, and reports those as
      // "incomplete". With both removed every text is measured.
      await page.addStyleTag({ content: ".plot-canvas{display:none!important}.table-wrap{max-height:none!important;overflow:visible!important}" });
      expect(await axe(page, ["color-contrast"]), `contrast ${hash}`).toEqual([]);
      await page.close();
    }
    // Four axe passes over the whole page: about 40 s on this 2-core machine, more when it is loaded.
  }, 150_000);

  it("a skip link leads to the results; sliders have human names and values with units; each chart has a data table", async () => {
    const { page } = await open();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("results");
    const budget = page.locator('input[data-series="policy.subsidy_budget"]');
    expect(await budget.getAttribute("aria-label")).toBe("Annual budget for EV purchase subsidies");
    expect(await budget.getAttribute("aria-valuetext")).toBe("9 PKR bn a year, Fiscal year 2026");
    const moto = page.locator('input[data-series="policy.ev_registration_exemption.two_wheeler"]');
    expect(await moto.getAttribute("aria-label")).toBe("EV registration exemption, 2-wheeler");
    expect(await moto.getAttribute("aria-valuetext")).toBe("100%, Fiscal year 2026");
    // No slider is named by a raw key.
    for (const name of await page.locator('input[type="range"]').evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? "")))
      expect(name).not.toMatch(/_|^\w+\.\w+|^$/);
    // Data tables: one per chart, with a row per year and the chart's series as columns.
    expect(await page.locator(".charts .chart-data").count()).toBe(9);
    await page.click('[data-chart="share"] .chart-data summary');
    const table = page.locator('[data-chart="share"] .chart-data table');
    // The table is drawn once the details open (Chart.tsx renders it on toggle): wait for its rows.
    await page.waitForSelector('[data-chart="share"] .chart-data tbody tr', { timeout: 30_000 });
    const head = await table.locator("thead th").allInnerTexts();
    expect(head).toEqual(["year", "2-wheelers", "3-wheelers", "cars", "LCVs", "buses", "trucks", "all segments", "NEVP targets"]);
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows[0]).toMatch(/^2025/);
    const y2030 = rows.find((r) => r.startsWith("2030"))!;
    expect(y2030).toContain(await page.locator('[data-testid="headline-share2030"] .card-value').innerText());
    expect(y2030).toContain("30.0%");
    await page.close();
  });
});
