// Drives Debian's headless chromium over the Chrome DevTools Protocol (Node's own WebSocket: no
// npm package) to use a report as a reader would: real mouse clicks on its filter buttons and a
// download button, read back what the page shows; optionally screenshots.
// Usage: node --experimental-websocket browser_check.mjs REPORT.html PROFILE_DIR [SHOT_PREFIX]
// Prints one JSON object with what it saw.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [report, profile, shots] = process.argv.slice(2);
const chromium = spawn("/usr/bin/chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-port=0",
  `--user-data-dir=${profile}`, "--window-size=1400,1000", "about:blank"], { stdio: "ignore" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = Date.now() + 60000;
try {
  let port;
  while (!port) {
    if (Date.now() > deadline) throw new Error("chromium did not open its debugging port");
    const f = `${profile}/DevToolsActivePort`;
    if (existsSync(f)) port = readFileSync(f, "utf8").split("\n")[0];
    await sleep(100);
  }
  let page;
  while (!page) {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    page = list.find((t) => t.type === "page");
    if (!page) await sleep(100);
  }
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
  let id = 0;
  const pending = new Map(), events = [];
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else if (msg.method) events.push(msg.method);
  };
  const send = (method, params = {}) => new Promise((r, j) => {
    const n = ++id;
    pending.set(n, (msg) => (msg.error ? j(new Error(`${method}: ${msg.error.message}`)) : r(msg.result)));
    ws.send(JSON.stringify({ id: n, method, params }));
  });
  const evaluate = async (expression) => (await send("Runtime.evaluate", { expression, returnByValue: true })).result.value;
  const click = async (selector) => {
    await evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollIntoView({block: "center"})`);
    const r = await evaluate(`(() => { const b = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
      return [b.left + b.width / 2, b.top + b.height / 2]; })()`);
    for (const type of ["mouseMoved", "mousePressed", "mouseReleased"])
      await send("Input.dispatchMouseEvent", { type, x: r[0], y: r[1], button: "left", clickCount: 1 });
    await sleep(100);
  };
  await send("Page.enable");
  await send("Runtime.enable");
  await send("Page.navigate", { url: pathToFileURL(report).href });
  while (!events.includes("Page.loadEventFired")) {
    if (Date.now() > deadline) throw new Error("the report did not load");
    await sleep(50);
  }
  const visible = () => evaluate(`Number(document.body.getAttribute("data-visible-rows"))`);
  const out = { rows: await evaluate(`document.querySelectorAll("tr[data-kind]").length`) };
  out.visible_before = await visible();
  const first = await evaluate(`(() => { const b = document.querySelector("#filters button[data-kind=trust]");
    return [b.getAttribute("data-kind"), b.getAttribute("data-entity")]; })()`);
  out.filtered = first;
  out.rows_of_filtered = await evaluate(
    `document.querySelectorAll('tr[data-kind="${first[0]}"][data-entity="${first[1]}"]').length`);
  if (shots) {
    const s = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(`${shots}-top.png`, Buffer.from(s.data, "base64"));
  }
  await click("#filters button[data-kind=trust]");
  out.visible_after_click = await visible();
  out.hidden_rows_of_filtered = await evaluate(
    `document.querySelectorAll('tr.hidden[data-kind="${first[0]}"][data-entity="${first[1]}"]').length`);
  out.button_off = await evaluate(`document.querySelector("#filters button[data-kind=trust]").classList.contains("off")`);
  await click("#filters button[data-kind=trust]");
  out.visible_after_second_click = await visible();
  out.hover_titles = await evaluate(`document.querySelectorAll("#comparison span[title]").length`);
  out.marked = await evaluate(`document.querySelectorAll("#comparison span.clear").length`);
  await click("button.download[data-table=comparison]");
  out.download = await evaluate(`document.body.getAttribute("data-last-download")`);
  out.download_text = await evaluate(`document.body.getAttribute("data-last-download-text")`);
  out.summary = await evaluate(`Array.from(document.querySelectorAll("div.summary")).map((d) => d.innerText)`);
  if (shots) {
    await evaluate(`document.querySelector("#comparison").scrollIntoView({block: "start"})`);
    await sleep(100);
    let s = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(`${shots}-comparison.png`, Buffer.from(s.data, "base64"));
    await evaluate(`document.querySelector(".panels").scrollIntoView({block: "start"})`);
    await sleep(100);
    s = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(`${shots}-panels.png`, Buffer.from(s.data, "base64"));
  }
  console.log(JSON.stringify(out));
  ws.close();
} finally {
  chromium.kill();
}
