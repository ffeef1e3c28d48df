import type { StorageHooks } from '../types.js'
import { removeRunPartials } from './partials.js'

/** A local directory keeps the hidden partial files of an upload that was cut: the post step of a killed run removes its own. */
export const localHooks: StorageHooks = {
  removeRunPartials: (config, runId) => removeRunPartials(config.path, runId)
}
