import { readFileSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'

/** `~user` or `~user/rest`, as a shell reads it: the user's name, and what follows the slash. */
const TILDE_USER = /^~([^/]+)(?:\/(.*))?$/

/**
 * A directory input made absolute: `~` is the runner user's home directory, `~user` that user's
 * (the runner user's own name, or a user of /etc/passwd), and a relative path is read from the
 * workspace (where the workflow's checkout is), not from wherever the action runs. A `~user` of
 * no known user is left as written: homeDirectoryIssue refuses it before it is used.
 */
export function resolveDirectory(value: string, env: NodeJS.ProcessEnv = process.env): string {
  const expanded = expandHome(value, env) ?? value
  return isAbsolute(expanded) ? resolve(expanded) : resolve(env.GITHUB_WORKSPACE || process.cwd(), expanded)
}

/**
 * Why a directory input cannot be used as written: it starts with `~user` of a user this runner
 * does not have. Read literally it would be a directory named "~user" in the workspace, which is
 * never what was meant.
 */
export function homeDirectoryIssue(value: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const user = TILDE_USER.exec(value)?.[1]
  if (user === undefined || expandHome(value, env) !== undefined) return undefined
  return (
    `starts with "~${user}", but this runner has no user "${user}" whose home directory it could be: ` +
    `write the absolute path, or "./~${user}" for a directory of that name in the workspace`
  )
}

/** `~`, `~/rest`, `~user` and `~user/rest` with the home directory put in; undefined when there is no such user, the value itself when it has no `~`. */
function expandHome(value: string, env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME || homedir()
  if (value === '~') return home
  if (value.startsWith('~/')) return join(home, value.slice(2))
  const match = TILDE_USER.exec(value)
  if (!match) return value
  const [, user, rest = ''] = match
  const userHome = homeOf(user, home)
  return userHome === undefined ? undefined : join(userHome, rest)
}

/** The home directory of a user: the runner user's own ($HOME), else the one /etc/passwd gives. */
function homeOf(user: string, ownHome: string): string | undefined {
  if (user === currentUserName()) return ownHome
  let passwd: string
  try {
    passwd = readFileSync('/etc/passwd', 'utf8')
  } catch {
    // No /etc/passwd (Windows): no other user's home to find.
    return undefined
  }
  for (const line of passwd.split('\n')) {
    const fields = line.split(':')
    if (fields.length >= 7 && fields[0] === user && fields[5]) return fields[5]
  }
  return undefined
}

function currentUserName(): string | undefined {
  try {
    return userInfo().username
  } catch {
    // A uid with no entry of its own (some containers): it has no name to be written after "~".
    return undefined
  }
}

/** Whether a directory input was written as something other than the absolute path it is. */
export function isShorthand(value: string): boolean {
  return value !== '' && !isAbsolute(value)
}

/** A GitHub-hosted runner is a fresh machine for every job: whatever is written to its disk goes with it. */
export function onEphemeralRunner(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RUNNER_ENVIRONMENT === 'github-hosted'
}
