import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'

/**
 * A directory input made absolute: `~` is the runner user's home directory, and a relative path
 * is read from the workspace (where the workflow's checkout is), not from wherever the action runs.
 */
export function resolveDirectory(value: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir()
  const expanded = value === '~' ? home : value.startsWith('~/') ? join(home, value.slice(2)) : value
  return isAbsolute(expanded) ? resolve(expanded) : resolve(env.GITHUB_WORKSPACE || process.cwd(), expanded)
}

/** Whether a directory input was written as something other than the absolute path it is. */
export function isShorthand(value: string): boolean {
  return value !== '' && !isAbsolute(value)
}

/** A GitHub-hosted runner is a fresh machine for every job: whatever is written to its disk goes with it. */
export function onEphemeralRunner(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RUNNER_ENVIRONMENT === 'github-hosted'
}
