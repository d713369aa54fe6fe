// A CPU profile of one view's load (CDP's sampling profiler), summed over several loads: where a
// page's main thread spends its time until the bench sees `selector` (so the work of the frames
// right after it, such as the popup's rest of the list, counts too) — by function (self time), by
// script, each script's top-level module code (inclusive), and each named function inclusive of
// what it calls (a component's own render only: Preact renders its children after it returns).
// Native frames carry whatever name the profiler gives them (often an unrelated API's): read them
// as "native". Prints figures, asserts nothing (issue 14). PROFILE_STACK=<function name> also
// prints the callers of that function.
import type { Profile } from '../../test/e2e/harness';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface Node {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

const script = (url: string) => url.replace(/^chrome-extension:\/\/[^/]+\//, '') || '(native)';
const frameName = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${script(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
/** A module's own code: unnamed and at its very start (anonymous functions inside it are named by their position). */
const isModuleCode = (frame: CallFrame) => !frame.functionName && frame.url !== '' && frame.lineNumber <= 0 && frame.columnNumber <= 0;
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

export async function profileLoads(profile: Profile, path: string, selector: string, loads = 5): Promise<string> {
  const stackOf = process.env.PROFILE_STACK;
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  const moduleCode = new Map<string, number>();
  const stacks = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (let n = 0; n < loads; n++) {
    const page = await profile.context.newPage();
    const cdp = await profile.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(profile.url(path));
    await page.waitForSelector(selector, { timeout: 60_000 });
    const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
    };
    await page.close();
    const nodes = new Map(cpu.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of cpu.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const callers = (id: number) => {
      const frames: CallFrame[] = [];
      for (let at = parent.get(id); at !== undefined; at = parent.get(at)) frames.push(nodes.get(at)!.callFrame);
      return frames;
    };
    cpu.samples.forEach((id, i) => {
      // A sample lasts until the next one.
      const ms = (cpu.timeDeltas[i + 1] ?? 0) / 1000;
      const { callFrame } = nodes.get(id)!;
      if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') return;
      total += ms;
      const name = frameName(callFrame);
      add(self, name, ms);
      add(byScript, script(callFrame.url), ms);
      const stack = [callFrame, ...callers(id)];
      for (const key of new Set(stack.filter((frame) => frame.functionName).map((frame) => `${frame.functionName} ${script(frame.url)}`)))
        add(inclusive, key, ms);
      for (const url of new Set(stack.filter(isModuleCode).map((frame) => frame.url))) add(moduleCode, script(url), ms);
      if (stackOf && name.startsWith(stackOf)) add(stacks, stack.slice(1, 9).map(frameName).join(' < '), ms);
    });
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `    ${(ms / loads).toFixed(1).padStart(6)} ms  ${key}`)
      .join('\n');
  return [
    `CPU profile of ${path}, mean of ${loads} loads up to ${selector}: ${(total / loads).toFixed(1)} ms busy`,
    '  by script (self):',
    top(byScript, 12),
    "  each module's own code, inclusive (its evaluation and what that calls):",
    top(moduleCode, 12),
    '  by function (self):',
    top(self, 30),
    '  by function (inclusive):',
    top(inclusive, 25),
    ...(stacks.size ? ['  callers:', top(stacks, 8)] : []),
  ].join('\n');
}
