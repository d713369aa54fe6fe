// A CPU profile of one view's load (CDP's sampling profiler), summed over several loads: where a
// page's main thread spends its time until the bench sees `selector` (so the work of the frames
// right after it, such as the popup's rest of the list, counts too) — by function (self time), by
// script, and each script's top-level evaluation (inclusive). Native frames carry whatever name
// the profiler gives them (often an unrelated API's): read them as "native". Prints figures,
// asserts nothing (issue 14). PROFILE_STACK=<function name> also prints the callers of that function.
import type { Profile } from '../../test/e2e/harness';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

const short = (url: string) => url.replace(/^chrome-extension:\/\/[^/]+\//, '') || '(native)';

export async function profileLoads(profile: Profile, path: string, selector: string, loads = 5): Promise<string> {
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  const topLevel = new Map<string, number>();
  let total = 0;
  const stacks = new Map<string, number>();
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
    cpu.samples.forEach((id, i) => {
      const ms = (cpu.timeDeltas[i + 1] ?? 0) / 1000;
      const { callFrame } = nodes.get(id)!;
      if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') return;
      total += ms;
      const key = `${callFrame.functionName || '(anonymous)'} ${short(callFrame.url)}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + ms);
      if (process.env.PROFILE_STACK && key.startsWith(process.env.PROFILE_STACK)) {
        const chain: string[] = [];
        for (let at = parent.get(id); at !== undefined && chain.length < 8; at = parent.get(at)) {
          const f = nodes.get(at)!.callFrame;
          chain.push(`${f.functionName || '(anon)'}@${short(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
        }
        const stack = chain.join(' < ');
        stacks.set(stack, (stacks.get(stack) ?? 0) + ms);
      }
      byScript.set(short(callFrame.url), (byScript.get(short(callFrame.url)) ?? 0) + ms);
      // Inclusive time of each script's top level (a frame at line 1 with no name).
      const counted = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at)!.callFrame;
        if (!frame.functionName && frame.url && !counted.has(frame.url)) {
          counted.add(frame.url);
          topLevel.set(short(frame.url), (topLevel.get(short(frame.url)) ?? 0) + ms);
        }
      }
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
    '  top-level code, inclusive (anonymous frames):',
    top(topLevel, 12),
    '  by function (self):',
    top(self, 30),
    ...(stacks.size ? ['  stacks:', top(stacks, 8)] : []),
  ].join('\n');
}
