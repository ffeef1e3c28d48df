import { readFile } from 'node:fs/promises'

export interface Platform {
  /** `linux`, `darwin` or `win32`. */
  os: NodeJS.Platform
  /** `x64` or `arm64`. */
  arch: string
  /** Linux distribution and version without dots (`ubuntu2404`, `debian12`), '' elsewhere or unknown. */
  distro: string
}

export async function currentPlatform(): Promise<Platform> {
  return { os: process.platform, arch: process.arch, distro: process.platform === 'linux' ? await linuxDistro() : '' }
}

async function linuxDistro(): Promise<string> {
  try {
    const release = await readFile('/etc/os-release', 'utf8')
    const field = (name: string): string => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(release)?.[1] ?? ''
    const id = field('ID').toLowerCase()
    const version = field('VERSION_ID').replace(/\./g, '')
    return id && version ? `${id}${version}` : ''
  } catch {
    return ''
  }
}

/** The machine as a version-string-friendly label, for cache keys and messages. */
export function platformLabel(platform: Platform): string {
  return `${platform.os}-${platform.arch}`
}
