/**
 * Injected into a tab only when the user clips it:
 * `browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] })`, and the
 * capture arrives as `results[0].result` (parse it with `parseCaptureResult` from lib/clip/capture).
 *
 * Why returning from main() is enough: WXT 0.21 builds an unlisted script as an IIFE whose
 * value is main()'s return value (virtual/unlisted-script-entrypoint.mjs returns `result`) and
 * appends `capture;` after it (core/builders/vite/plugins/iifeFooter.mjs), so the file's last
 * statement evaluates to the capture. executeScript reports a script file's completion value as
 * `result`. main() stays synchronous so no browser has to wait for a promise.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { captureInPage } from '../lib/clip/capture-page';

export default defineUnlistedScript(() => captureInPage());
