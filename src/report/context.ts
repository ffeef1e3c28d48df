import type { RunContext } from './types.js'

/** The workflow run this backup belongs to, from the runner's default environment variables. */
export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const repository = env.GITHUB_REPOSITORY || ''
  const runId = env.GITHUB_RUN_ID || ''
  return {
    repository,
    workflow: env.GITHUB_WORKFLOW || '',
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '',
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : '',
    eventName: env.GITHUB_EVENT_NAME || '',
    ref: env.GITHUB_REF || '',
    sha: env.GITHUB_SHA || ''
  }
}
