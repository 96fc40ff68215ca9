// Test harness: serves the built demo site and opens it in a fresh headless Chromium.
// SPDX-License-Identifier: MIT
//
// The site comes from FAHRAS_SITE_DIR (a folder written by web_demo/build-site.mjs, served here
// by web_demo/serve.mjs on a free port) or FAHRAS_DEMO_URL (a site already being served).
// Chromium is Debian's /usr/bin/chromium (or $CHROMIUM), driven by playwright-core.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, "../..");
export const ARTIFACTS = path.join(HERE, "artifacts");

// Flags for headless Chromium as root on a machine without outside network (TOOLCHAIN.md).
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Starts serving the site; resolves to { url, stop(), log }. With `log`, `log` fills with every
 * response the server sends, as { method, url, status, encoding, length } (serve.mjs --log).
 */
export async function startSite({ log: logging = false } = {}) {
  if (process.env.FAHRAS_DEMO_URL) {
    if (logging) throw new Error("this test reads the server's log: it needs FAHRAS_SITE_DIR, not FAHRAS_DEMO_URL");
    return { url: new URL(process.env.FAHRAS_DEMO_URL).href, stop() {}, log: [] };
  }
  const dir = process.env.FAHRAS_SITE_DIR;
  if (!dir) throw new Error("set FAHRAS_SITE_DIR to a built demo site (or FAHRAS_DEMO_URL to a served one)");
  const server = spawn(process.execPath, [path.join(REPO, "web_demo/serve.mjs"), path.resolve(dir), ...(logging ? ["--log"] : [])], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const log = [];
  const url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const lines = out.split("\n");
      out = lines.pop(); // an unfinished line waits for the next chunk
      for (const line of lines) {
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(line);
        if (found) resolve(found[0]);
        const [method, url, status, encoding, length] = line.split(" ");
        if (!found && line) log.push({ method, url, status: Number(status), encoding, length: Number(length) });
      }
    });
    server.on("exit", (code) => reject(new Error(`serve.mjs exited (${code}) before listening`)));
  });
  return { url, stop: () => server.kill(), log };
}

/**
 * A fresh Chromium (empty profile) with one page. Every console error and uncaught page error
 * is collected in `errors`; `t.after` closes the browser and removes the profile.
 */
export async function openBrowser(t, { viewport = DESKTOP, ...options } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "fahras-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport,
    locale: "ar",
    ...options,
  });
  const errors = [];
  const watch = (page) => {
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  t.after(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot as artifacts/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Opens the demo at `search` ("?q=..."), waits until the index is loaded, fails on a load error. */
export async function openDemo(page, siteUrl, search = "") {
  await page.goto(new URL(search, siteUrl).href);
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready") || !document.getElementById("error").hidden);
  const error = page.locator("#error");
  if (await error.isVisible()) throw new Error(`the page failed to load: ${await error.textContent()}`);
  // The corpus view's code loads after the engine is ready: wait until it has drawn its lists
  // (bars and concordance are drawn in one go), or a test reads the page before it is there.
  if (new URLSearchParams(search).get("view") === "corpus") await page.waitForSelector("#corpus-view .bars li");
}

/** Types `query` key by key into the search box (as a person would, `delay` ms a key). */
export async function typeInto(page, query, delay = 15) {
  await page.locator("#q").fill("");
  await page.locator("#q").pressSequentially(query, { delay });
}

/** `?q=` of a URL-encoded query. */
export const searchFor = (q, more = "") => `?q=${encodeURIComponent(q)}${more}`;
