import * as io from '@actions/io'

/** Absolute path of a program on PATH, or an error that says how to get it. */
export async function requireTool(name: string, hint: string): Promise<string> {
  const path = await io.which(name, false)
  if (!path) throw new Error(`${name} was not found on PATH: ${hint}`)
  return path
}
