// End-to-end check of the web UI: search الحموشي, open his profile, see his timeline.
// Usage: node ui.mjs BASE_URL SCREENSHOT.png   (Chromium at /usr/bin/chromium or $CHROMIUM)
import { chromium } from "playwright-core";

const [base, shot] = process.argv.slice(2);
if (!base || !shot) {
  console.error("usage: node ui.mjs BASE_URL SCREENSHOT.png");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const fail = async (msg) => {
  console.error(`FAIL: ${msg}`);
  await browser.close();
  process.exit(1);
};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ar" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base, { waitUntil: "networkidle" });
  const dir = await page.evaluate(() => getComputedStyle(document.body).direction);
  if (dir !== "rtl") await fail(`page direction is ${dir}, not rtl`);

  // Search in Arabic; the person shows among the actors.
  await page.fill("#q", "الحموشي");
  await page.press("#q", "Enter");
  await page.waitForSelector(".entity-hit a", { timeout: 15000 });
  const link = page.locator(".entity-hit a", { hasText: "حموشي" }).first();
  if ((await link.count()) === 0) await fail("no actor named حموشي in the search results");
  await link.click();

  // His profile: name and a timeline with events and dates.
  await page.waitForSelector(".profile-name", { timeout: 15000 });
  const name = await page.textContent(".profile-name");
  if (!name.includes("حموشي")) await fail(`profile shows ${name}`);
  const items = await page.locator("#entity-timeline .tl-item").count();
  if (items < 2) await fail(`timeline has ${items} events`);
  const dates = await page.locator("#entity-timeline .tl-date").allTextContents();
  if (!dates.some((d) => /^\d{4}/.test(d))) await fail(`no dated event in ${dates}`);

  // Its evidence opens with the source document.
  await page.locator("#entity-timeline .show-evidence").first().click();
  await page.waitForSelector("#entity-timeline .evidence", { timeout: 15000 });

  // Typing the Latin name finds the same person.
  await page.fill("#q", "Hammouchi");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => location.hash.includes("Hammouchi"));
  await page.waitForSelector(".entity-hit a", { timeout: 15000 });

  // Back to the profile for the screenshot.
  await page.goBack();
  await page.waitForSelector("#entity-timeline .evidence", { timeout: 15000 }).catch(() => {});
  await page.waitForSelector(".profile-name", { timeout: 15000 });
  await page.screenshot({ path: shot, fullPage: false });
  if (errors.length) await fail(`page errors: ${errors.join("; ")}`);
  console.log(`ok: ${items} events on the profile; screenshot ${shot}`);
} catch (e) {
  await fail(e.stack || String(e));
}
await browser.close();
