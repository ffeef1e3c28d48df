import { randomBytes } from 'node:crypto'

/**
 * This process's own mark, chosen once: the temporary files a run writes outside its work
 * directory (a local storage's partial files) carry it, so that the post step of a killed run
 * removes its own and never another run's. The main step saves it for the post step.
 */
export const RUN_ID = randomBytes(8).toString('hex')
