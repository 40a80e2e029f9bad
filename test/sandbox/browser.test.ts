import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);

// CI installs Chromium at /usr/bin/chromium; without it this browser test cannot run.
describe.skipIf(!HAVE_CHROMIUM)(`sandbox page in Chromium (needs ${CHROMIUM})`, () => {
  let sandbox: Sandbox;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: false });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it("sends 测试, shows both replies, pokes the bot and sees its answer", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const blocked: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith(sandbox.url.replace(/\/$/, "")) && !req.url().startsWith("data:"))
        blocked.push(req.url());
    });
    try {
      await page.goto(sandbox.url);
      await page.waitForSelector("body[data-ready='1']");
      await page.getByTestId("chat-group-736000003").click();

      await page.getByTestId("composer-input").fill("测试");
      await page.getByTestId("send").click();
      const bot = page.getByTestId("bot-message");
      await expect.poll(() => bot.count(), { timeout: 8000 }).toBeGreaterThanOrEqual(2);
      expect(await bot.nth(0).textContent()).toContain("NcatBot 异步调用测试成功喵~");
      expect(await bot.nth(1).textContent()).toContain("NcatBot 同步调用测试成功喵~");
      expect(await page.getByTestId("user-message").first().textContent()).toContain("测试");

      await page.getByTestId("btn-poke").click();
      await expect
        .poll(() => page.getByTestId("notice").allTextContents(), { timeout: 8000 })
        .toContainEqual(expect.stringContaining("戳了戳 NapBot"));
      await expect
        .poll(async () => (await bot.allTextContents()).join("\n"), { timeout: 8000 })
        .toContain("别戳啦");

      await page.getByTestId("composer-input").fill("/图片");
      await page.getByTestId("composer-input").press("Enter");
      await expect
        .poll(() => page.getByTestId("image").count(), { timeout: 8000 })
        .toBeGreaterThanOrEqual(1);
      const loaded = await page
        .getByTestId("image")
        .first()
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
      expect(loaded).toBe(32);

      const actions = await page
        .getByTestId("api-call")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
      expect(actions).toEqual(expect.arrayContaining(["send_group_msg", "group_poke"]));
      expect(blocked).toEqual([]);
      await page.screenshot({ path: "/tmp/sandbox.png" });
    } finally {
      await page.close();
    }
  }, 40_000);
});
