// addons-linter ships no types; this is the part of its Node API the Firefox build test uses.
declare module 'addons-linter' {
  interface LinterMessage {
    code: string;
    message: string;
    file?: string;
  }
  interface LinterResult {
    summary: { errors: number; warnings: number; notices: number };
    errors: LinterMessage[];
    warnings: LinterMessage[];
    notices: LinterMessage[];
  }
  const linter: {
    createInstance(options: { config: Record<string, unknown> & { _: string[] }; runAsBinary: boolean }): { run(): Promise<LinterResult> };
  };
  export default linter;
}
