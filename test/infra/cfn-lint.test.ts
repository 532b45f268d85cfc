import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';

/**
 * cfn-lint checks the synthesized templates against CloudFormation's own
 * resource and template schemas: what CloudFormation would refuse at deploy
 * time (an output description that is not a plain string, say), which neither
 * `cdk synth` nor cdk-nag notices. It is a Python tool that machines of this
 * kind come with (`.ci/run` installs Debian's package where it is missing and
 * the release has one); a machine without it fails here rather than skipping.
 */

/** The context `cdk synth` runs with (feature flags), as in coach-stack.test.ts. */
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** Skips esbuild: cfn-lint reads the template, not the bundles. */
const noBundling = { 'aws:cdk:bundling-stacks': [] };

/** Regions the README names as receiving mail; a resource type missing in one is an error there. */
const regions = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** The JSON example of the README's "Settings" section: what an operator starts from. */
function readmeSettings(): Record<string, string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^### Settings$/m)[1]?.split(/^#{1,3} /m)[0];
  const json = section?.match(/```json\n([\s\S]*?)\n```/)?.[1];
  if (json === undefined) throw new Error('README.md: no ```json example under "### Settings"');
  return JSON.parse(json) as Record<string, string>;
}

const readme = readmeSettings();
const { hostedZoneId: _zoneId, hostedZoneName: _zoneName, ...firstDeploy } = readme;

/** Settings to synthesize with, by name. */
const configurations: Record<string, Record<string, unknown>> = {
  'the README example (hosted zone)': readme,
  "the README's first deploy (no hosted zone)": firstDeploy,
  'no context at all (placeholders)': {},
  // replyDomain outside domain: a second identity, with DkimRecordReply1..3.
  'a first deploy with replies on a domain of its own': {
    ...firstDeploy,
    replyDomain: 'replies.example.net',
  },
};

interface CfnLintFinding {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational' | string;
  Message: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number }; Path?: (string | number)[] };
}

const describeFinding = (f: CfnLintFinding): string =>
  `${f.Rule.Id} ${f.Message} (${(f.Location.Path ?? []).join('/')}, line ${f.Location.Start.LineNumber})`;

const dir = mkdtempSync(path.join(tmpdir(), 'drip-coach-cfn-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Synthesizes the app with `settings` into a directory of its own; returns the template's path. */
function synthesize(name: string, settings: Record<string, unknown>): string {
  const outdir = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
  const { app, stack } = buildApp({
    context: { ...cdkJson.context, ...noBundling, ...settings },
    outdir,
  });
  const template = path.join(outdir, stack.templateFile);
  try {
    app.synth();
  } catch (error) {
    // Under vitest CDK throws after writing the template when a validation
    // plugin (cdk-nag) reports; coach-stack.test.ts owns those findings.
    if (!existsSync(template)) throw error;
  }
  return template;
}

/** Runs cfn-lint once over every template; fails with a clear message when it cannot run. */
function cfnLint(templates: string[]): CfnLintFinding[] {
  const run = spawnSync(
    'cfn-lint',
    ['--format', 'json', '--regions', ...regions, '--', ...templates],
    { encoding: 'utf8', timeout: 150_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      'cfn-lint is not installed (not found on PATH), and the infra tests lint every template with it. ' +
        "Install it (Debian's cfn-lint package where the release has one, as .ci/run does, " +
        'or `pip install cfn-lint`), then run the infra tests again.',
    );
  }
  if (run.error) throw new Error(`cfn-lint could not run: ${run.error.message}`);
  // Exit status is a bit mask: 2 errors, 4 warnings, 8 informational; anything else is cfn-lint failing.
  if (run.status === null || (run.status & ~(2 | 4 | 8)) !== 0) {
    throw new Error(
      `cfn-lint failed (exit ${run.status ?? run.signal}): ${run.stderr}${run.stdout}`,
    );
  }
  try {
    return JSON.parse(run.stdout) as CfnLintFinding[];
  } catch {
    throw new Error(`cfn-lint printed no JSON: ${run.stderr}${run.stdout}`);
  }
}

describe('the synthesized template passes cfn-lint', () => {
  const templates = new Map<string, string>();
  let findings: CfnLintFinding[] = [];
  // Kept rather than thrown from the hook, so every cfn-lint test fails with it
  // (a hook that throws shows its tests as skipped).
  let lintFailure: Error | undefined;
  const lintFindings = (): CfnLintFinding[] => {
    if (lintFailure) throw lintFailure;
    return findings;
  };

  beforeAll(() => {
    for (const [name, settings] of Object.entries(configurations)) {
      templates.set(name, synthesize(name, settings));
    }
    try {
      findings = cfnLint([...templates.values()]);
    } catch (error) {
      lintFailure = error as Error;
      return;
    }
    // Warnings are allowed, but shown: once each, with the templates they came from.
    const warnings = new Map<string, string[]>();
    for (const f of findings.filter((finding) => finding.Level !== 'Error')) {
      const key = `${f.Level} ${f.Rule.Id} ${f.Message} at ${(f.Location.Path ?? []).join('/')}`;
      const name = [...templates].find(([, file]) => file === f.Filename)?.[0] ?? f.Filename;
      warnings.set(key, [...(warnings.get(key) ?? []), name]);
    }
    if (warnings.size > 0) {
      const lines = [...warnings].map(([key, names]) =>
        names.length === templates.size ? `  ${key}` : `  ${key} (in: ${names.join('; ')})`,
      );
      console.warn(`cfn-lint findings below error level (allowed):\n${lines.join('\n')}`);
    }
  }, 180_000);

  it('ran over every template', () => {
    // Findings name the files they were read from; each template must parse as one.
    for (const template of templates.values()) {
      expect(() => JSON.parse(readFileSync(template, 'utf8'))).not.toThrow();
    }
    const unknown = lintFindings().filter((f) => ![...templates.values()].includes(f.Filename));
    expect(unknown.map(describeFinding)).toEqual([]);
  });

  it.each(Object.keys(configurations))('has no cfn-lint errors with %s', (name) => {
    const template = templates.get(name);
    const errors = lintFindings().filter((f) => f.Filename === template && f.Level === 'Error');
    expect(errors.map(describeFinding)).toEqual([]);
  });

  it('gives every output a plain-string description (CloudFormation takes no intrinsics there)', () => {
    for (const [name, template] of templates) {
      const { Outputs } = JSON.parse(readFileSync(template, 'utf8')) as {
        Outputs: Record<string, { Description?: unknown }>;
      };
      for (const [id, output] of Object.entries(Outputs)) {
        expect([name, id, typeof (output.Description ?? '')]).toEqual([name, id, 'string']);
      }
    }
  });

  it('outputs the DNS records the README tells a first deploy to add by hand', () => {
    const outputIds = (name: string) =>
      Object.keys(
        (JSON.parse(readFileSync(templates.get(name)!, 'utf8')) as { Outputs: object }).Outputs,
      );
    const records = ['DkimRecord1', 'DkimRecord2', 'DkimRecord3', 'ReplyMxRecord'];
    const replyRecords = ['DkimRecordReply1', 'DkimRecordReply2', 'DkimRecordReply3'];
    expect(outputIds("the README's first deploy (no hosted zone)")).toEqual(
      expect.arrayContaining(records),
    );
    expect(outputIds('a first deploy with replies on a domain of its own')).toEqual(
      expect.arrayContaining([...records, ...replyRecords]),
    );
    expect(outputIds('the README example (hosted zone)')).not.toContain('DkimRecord1');
  });
});
