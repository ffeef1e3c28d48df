import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { run } from './run.js'

/** The bundle under test: the committed dist/, or another build named by ACTION_DIST. */
export const DIST = resolve(process.env.ACTION_DIST || 'dist/index.js')
/** The restore action's bundle: RESTORE_DIST, else restore/index.js beside the backup's bundle. */
export const RESTORE_DIST = resolve(process.env.RESTORE_DIST || join(dirname(DIST), 'restore', 'index.js'))

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  runnerTemp: string
}

/** Parses the GITHUB_OUTPUT file format: `name<<delimiter` blocks (and plain `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}

/** What the runner prepares for a step: INPUT_* and GITHUB_* variables, the files they name, a RUNNER_TEMP. */
export interface StepEnvironment {
  env: Record<string, string>
  runnerTemp: string
  outputFile: string
  summaryFile: string
  stateFile: string
}

/** The files the runner itself keeps in RUNNER_TEMP for a step: outputs, summary and state. */
export const RUNNER_FILES = { output: 'github_output', summary: 'step_summary', state: 'github_state' } as const

export async function stepEnvironment(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<StepEnvironment> {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'runner-temp-'))
  const outputFile = join(runnerTemp, RUNNER_FILES.output)
  const summaryFile = join(runnerTemp, RUNNER_FILES.summary)
  const stateFile = join(runnerTemp, RUNNER_FILES.state)
  await Promise.all([outputFile, summaryFile, stateFile].map((file) => writeFile(file, '')))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('INPUT_') && !key.startsWith('GITHUB_')) env[key] = value
  }
  Object.assign(env, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: stateFile,
    GITHUB_REPOSITORY: 'octo/db-backup-test',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_WORKFLOW: 'nightly-backup',
    GITHUB_EVENT_NAME: 'schedule',
    RUNNER_TEMP: runnerTemp
  })
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  Object.assign(env, extraEnv)
  return { env, runnerTemp, outputFile, summaryFile, stateFile }
}

/** The outputs and summary a step left in its files. */
export async function stepResult(step: StepEnvironment, result: { code: number; stdout: string; stderr: string }): Promise<ActionRun> {
  return {
    exitCode: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputFile(await readFile(step.outputFile, 'utf8')),
    summary: await readFile(step.summaryFile, 'utf8'),
    runnerTemp: step.runnerTemp
  }
}

/**
 * Runs the committed bundle as the runner does: inputs as INPUT_<NAME> (upper case, hyphens kept),
 * outputs and summary through files, a RUNNER_TEMP of its own.
 */
export async function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}, bundle = DIST): Promise<ActionRun> {
  const step = await stepEnvironment(inputs, extraEnv)
  return stepResult(step, await run(process.execPath, [bundle], { env: step.env }))
}

/** Runs the restore action's bundle as the runner does. */
export async function runRestoreAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const step = await stepEnvironment(inputs, extraEnv)
  return stepResult(step, await run(process.execPath, [RESTORE_DIST], { env: step.env }))
}

export async function readJson<T = Record<string, unknown>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T
}
